using Ask.Benchmarks;

// Usage:
//   Ask.Benchmarks ingest    --corpus DIR --data DIR          full ingest vs raw embedding, then re-ingest unchanged
//   Ask.Benchmarks ingest-memory --corpus DIR --data DIR [--baseline false] [--limit-mb 1024]
//     [--set K=V,...]                                           peak memory and chunks/s of a first ingest in a child process, vs uncapped embedder calls; exit 1 over the limit
//     [--over DATA --edit-every-episode true]                   the same for a re-ingest over a copy of DATA, with every episode's first line changed
//   Ask.Benchmarks search    --data DIR --golden FILE [--n 200] query latency p50/p95 and peak memory of this process
//   Ask.Benchmarks retrieval --data DIR --golden FILE [--k 5]  hit@k for dense, lexical and hybrid
//   Ask.Benchmarks threshold --data DIR --golden FILE          extractive not-in-archive threshold from answerable vs unanswerable
//   Ask.Benchmarks chat --url URL --golden FILE [--n 200] [--concurrency 1,8]   load on a running service's /api/chat
//     [--compare-url URL2 --labels embedded,qdrant]                            the same load on a second service, side by side
//   Ask.Benchmarks abuse --url URL [--seconds 60] [--clients 4] [--abuse false] [--pid PID] [--key K]
//                                                               loopback load + abuse: status counts, valid latency, RSS; exit 1 on a 5xx without Retry-After
//   Ask.Benchmarks overhead --data DIR --golden FILE [--n 200]   the generative path with an instant model vs retrieval alone
//   Ask.Benchmarks slack [--url URL --secret S] [--n 50] [--rounds 3]   ack latency of N signed Slack events fired at once (no --url: starts the service in-process)
//   Ask.Benchmarks formats [--cues 20000] [--rounds 7]           reading speed of each transcript format against raw captions
//   Ask.Benchmarks podcast-filter [--episodes 200] [--chunks 75] [--n 300]
//                                                               synthetic embedded index of two podcasts: search latency by filter vs no filter
//   Ask.Benchmarks scale --source DATA --golden FILE [--sizes 1,4,16] [--qdrant-sizes 1,4 --qdrant-server DLL] [--work DIR] [--n 200] [--chat-n 200]
//                                                               synthetic archives of N× the real index (no embedding): build, load, search, chat at 8, peak memory per store
//   Ask.Benchmarks llm [--model FILE.gguf] [--n 6] [--tokens 1024] [--threads 1] [--context 8192]
//                                                               in-process model: time to first token, tokens/s, grammar overhead
var command = args.FirstOrDefault();
var options = BenchArgs.Parse(args.Skip(1).ToArray());
// A bad argument (a folder without an index, an unknown size) is the user's mistake: its message, not a stack trace.
try
{
    return await RunAsync(command, options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{command}: {e.Message}");
    return 2;
}

static async Task<int> RunAsync(string? command, BenchArgs options) => command switch
{
    "ingest" => await IngestBench.RunAsync(options),
    "ingest-memory" => await IngestMemoryBench.RunAsync(options),
    "ingest-child" => await IngestMemoryBench.RunChildAsync(options),
    "search" => await SearchBench.RunAsync(options),
    "retrieval" => await RetrievalBench.RunAsync(options),
    "threshold" => await ThresholdBench.RunAsync(options),
    "chat" => await ChatBench.RunAsync(options),
    "abuse" => await AbuseBench.RunAsync(options),
    "overhead" => await OverheadBench.RunAsync(options),
    "slack" => await SlackBench.RunAsync(options),
    "llm" => await LlmBench.RunAsync(options),
    "formats" => await FormatsBench.RunAsync(options),
    "podcast-filter" => await PodcastFilterBench.RunAsync(options),
    "scale" => await ScaleBench.RunAsync(options),
    "scale-build" => await ScaleBench.BuildChildAsync(options),
    "scale-serve" => await ScaleBench.ServeChildAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ask.Benchmarks ingest|search|retrieval|threshold|chat|llm|podcast-filter|scale --data DIR [--corpus DIR] [--golden FILE] [--n N] [--k K]");
    return 2;
}
