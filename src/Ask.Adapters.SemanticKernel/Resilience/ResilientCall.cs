using Ask.Answering.ChatModel;
using Ask.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Ask.Adapters.SemanticKernel.Resilience;

/// <summary>
/// Runs one LLM call through the pipeline and says plainly how it ended: a value, the caller's cancel
/// (an <see cref="OperationCanceledException"/>, not an error, and never retried), or a transient <see cref="AskException"/>
/// naming which limit gave out — retries, attempt timeout, total budget or open circuit.
/// </summary>
internal sealed class ResilientCall(ResiliencePipeline pipeline, LlmOptions options, ILogger logger)
{
    public async Task<(T Result, int Attempts)> ExecuteAsync<T>(string prompt, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var result = await pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    return await attempt(ctx.CancellationToken);
                },
                context);
            return (result, attempts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Cancelled(logger, prompt, attempts);
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            var budget = context.Properties.GetValue(LlmPipeline.BudgetExceeded, false);
            throw TimedOut(prompt, budget
                ? $"The language model did not answer within the total budget of {Seconds(options.TotalBudget)} s ({Attempts(attempts)})."
                : AttemptTimedOut(attempts), ex);
        }
        catch (LlmTransientException ex) when (ex.Failure == LlmFailure.Timeout)
        {
            // The HttpClient's timeout and Polly's attempt timeout are the same length; whichever fires
            // first, the caller hears the same thing.
            throw TimedOut(prompt, AttemptTimedOut(attempts), ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw Fail(prompt, $"The language model circuit is open after repeated failures; calls resume within {Seconds(options.CircuitBreaker.BreakDuration)} s.", ex);
        }
        catch (LlmTransientException ex)
        {
            var why = ex.RetryAfter is { } wait && wait > options.Retry.MaxRetryAfter
                ? $"the server asked to wait {Seconds(wait)} s, longer than the {Seconds(options.Retry.MaxRetryAfter)} s accepted"
                : "retries exhausted";
            throw Fail(prompt, $"The language model failed: {ex.Message} ({Attempts(attempts)}; {why}).", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private string AttemptTimedOut(int attempts) => $"The language model timed out: no reply within {Seconds(options.Timeout)} s ({Attempts(attempts)}).";

    private AskTimeoutException TimedOut(string prompt, string message, Exception inner)
    {
        Log.Failed(logger, prompt, message);
        return new AskTimeoutException(message, inner);
    }

    private AskException Fail(string prompt, string message, Exception inner)
    {
        Log.Failed(logger, prompt, message);
        return new AskException(message, isTransient: true, inner);
    }

    private static string Attempts(int count) => count == 1 ? "1 attempt" : $"{count} attempts";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
