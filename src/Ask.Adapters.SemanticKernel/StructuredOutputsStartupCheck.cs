using System.Globalization;
using System.Text.Json;
using Ask.Adapters.SemanticKernel.Chat;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Answering.ChatModel;
using Ask.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel;

/// <summary>
/// Asks the provider at host start whether it takes <c>response_format: json_schema</c> (<see cref="LlmOptions.ProbeStructuredOutputs"/>),
/// so a provider without structured outputs gets json_object from the first question on. One tiny request, straight to
/// the connector so it neither retries nor counts for the circuit. Only a rejection of the format flags the provider;
/// anything else (down, 5xx, slow, bad key) is logged and leaves json_schema on: the check never stops the start.
/// </summary>
internal sealed class StructuredOutputsStartupCheck(LlmChatClient connector, StructuredOutputs structuredOutputs, LlmOptions options,
    TimeProvider time, ILogger<StructuredOutputsStartupCheck> logger) : IHostedService
{
    /// <summary>Longest the probe may hold up the start; a slower provider is simply left unchecked.</summary>
    private static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(10);

    /// <summary>As strict as the answer's schema, small enough to cost a few tokens.</summary>
    private static readonly JsonElement ProbeSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}""").RootElement.Clone();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.ProbeStructuredOutputs) return;
        ChatMessage[] messages = [new(ChatRole.System, "Reply with a JSON object."), new(ChatRole.User, "Reply with {\"ok\": true} as JSON.")];
        var request = new ChatOptions
        {
            MaxOutputTokens = 16,
            Temperature = (float?)options.Temperature,
            Seed = options.Seed,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(ProbeSchema, "probe"),
        };
        var provider = LlmProvider.Detect(options);
        var budget = options.Timeout < ProbeBudget ? options.Timeout : ProbeBudget;
        using var deadline = new CancellationTokenSource(budget, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await connector.SendAsync(messages, request, timeout.Token);
            structuredOutputs.MarkAccepted();
        }
        catch (StructuredOutputsRejectedException e)
        {
            structuredOutputs.MarkRejected(e.Detail, "the startup check");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            Log.StructuredOutputsUnchecked(logger, provider, string.Create(CultureInfo.InvariantCulture, $"no reply within {budget.TotalSeconds:0.###} s"));
        }
        // The check only advises: whatever else goes wrong, the service starts and finds out on the first question.
        catch (Exception e)
        {
            Log.StructuredOutputsUnchecked(logger, provider, e is AskException or LlmTransientException ? e.Message : e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
