using Ask.Adapters.EmbeddedIndex;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Hosting.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Benchmarks;

/// <summary>
/// How the stores grow with the archive. For each size (a multiple of the real archive, <see cref="SyntheticArchive"/>)
/// and store, one child process writes the index through the store's own writer and a second one, started
/// cold on it, measures what a serving process sees: load, the first answer, search latency (query embedding
/// included) and extractive chat latency at 8 concurrent requests. Each child reports its own peak resident
/// memory, so no phase's peak hides another's; on Qdrant the server's is read from the parent, which starts a
/// fresh Qdrant-protocol server per size. Prints a table and every figure's ratio to the smallest size.
/// </summary>
internal static class ScaleBench
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var source = Path.GetFullPath(args.Required("source"));
        var golden = Path.GetFullPath(args.Required("golden"));
        // Checked here as well as in the build child, so a wrong --source is one line, not a failed child.
        if (!File.Exists(Path.Combine(source, "index", EmbeddedChunkIndex.CurrentFile)))
            throw new ArgumentException($"--source {source} holds no index (index/{EmbeddedChunkIndex.CurrentFile} is missing); ingest the archive into it first.");
        if (!File.Exists(golden)) throw new ArgumentException($"--golden {golden} does not exist.");
        var work = Path.GetFullPath(args.Optional("work") ?? Path.Combine(Path.GetTempPath(), "ask-scale"));
        var sizes = Sizes(args.Optional("sizes") ?? "1,4,16", "sizes");
        var qdrantSizes = Sizes(args.Optional("qdrant-sizes") ?? "", "qdrant-sizes");
        var server = args.Optional("qdrant-server");
        if (qdrantSizes.Length > 0 && (server is null || !File.Exists(server)))
            throw new ArgumentException("--qdrant-server must name the built Ask.QdrantProtocolServer.dll (dotnet build -c Release tests/Ask.QdrantProtocolServer -o DIR), or pass --qdrant-sizes \"\".");
        var serveArgs = new[] { "--golden", golden, "--n", args.Int("n", 200).ToString(CultureInfo.InvariantCulture),
            "--chat-n", args.Int("chat-n", 200).ToString(CultureInfo.InvariantCulture), "--warmup", args.Int("warmup", 500).ToString(CultureInfo.InvariantCulture) };
        Directory.CreateDirectory(work);

        var rows = new List<Row>();
        var port = args.Int("qdrant-port", 6399);
        // Size by size, both stores, so that a run stopped early still has each store's smaller sizes.
        foreach (var size in sizes.Union(qdrantSizes).Order())
        {
            if (sizes.Contains(size))
            {
                var data = Path.Combine(work, $"embedded-{size}x");
                Reset(data);
                var build = await ChildAsync<BuildResult>(["scale-build", "--source", source, "--copies", $"{size}", "--data", data]);
                var serve = await ChildAsync<ServeResult>(["scale-serve", "--data", data, .. serveArgs]);
                rows.Add(new Row("embedded", size, build, serve, null));
                Print(rows[^1]);
                Directory.Delete(data, recursive: true);
            }
            if (qdrantSizes.Contains(size))
            {
                var data = Path.Combine(work, $"qdrant-{size}x");
                Reset(data);
                using var qdrant = await StartServerAsync(server!, port);
                try
                {
                    var url = $"http://127.0.0.1:{port}";
                    var build = await ChildAsync<BuildResult>(["scale-build", "--source", source, "--copies", $"{size}", "--data", data, "--qdrant", url]);
                    var serve = await ChildAsync<ServeResult>(["scale-serve", "--data", data, "--qdrant", url, .. serveArgs]);
                    rows.Add(new Row("qdrant", size, build, serve, PeakOf(qdrant.Id)));
                    Print(rows[^1]);
                }
                finally
                {
                    // A failed child must not leave the server holding its port and its memory.
                    if (!qdrant.HasExited) qdrant.Kill();
                    await qdrant.WaitForExitAsync();
                }
                Directory.Delete(data, recursive: true);
            }
        }
        Console.WriteLine();
        Console.WriteLine(Table(rows));
        return 0;
    }

    /// <summary>The child's side of a build: the synthetic archive written as one rebuild by the configured store.</summary>
    public static async Task<int> BuildChildAsync(BenchArgs args)
    {
        var copies = args.Int("copies", 1);
        var archive = SyntheticArchive.Open(args.Required("source"));
        var update = archive.Build(copies);
        await using var services = args.BuildServices(Store(args));
        var index = services.GetRequiredService<IChunkIndex>();
        var start = TimeProvider.System.GetTimestamp();
        await index.ApplyAsync(update, default);
        var seconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        var chunks = await index.CountAsync(default);
        Emit(new BuildResult(chunks, update.Upserts.Count, update.Upserts.Sum(e => e.Sentences.Count), seconds, Stats.PeakMemoryMb()));
        return 0;
    }

    /// <summary>The child's side of serving: a cold process on the index, as a service starts.</summary>
    public static async Task<int> ServeChildAsync(BenchArgs args)
    {
        var questions = GoldenQuestionFile.Load(args.Required("golden")).Select(q => q.Question).ToArray();
        var n = args.Int("n", 200);
        var start = TimeProvider.System.GetTimestamp();
        await using var services = args.BuildServices(Store(args));
        var index = services.GetRequiredService<IChunkIndex>();
        var chunks = await index.CountAsync(default);
        var loadMs = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
        var loadedRss = Stats.ResidentMemoryMb();
        var answers = services.GetRequiredService<AnswerService>();
        await answers.AskAsync(new ChatRequest(questions[0]), default);
        var firstAnswerMs = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;

        var retriever = services.GetRequiredService<Retriever>();
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        for (var i = 0; i < 10; i++) await retriever.SearchAsync(questions[i % questions.Length], 5, null, default);
        var embed = new List<double>();
        var search = new List<double>();
        var dense = new List<double>();
        var lexical = new List<double>();
        var queryVectors = new List<float[]>();
        for (var i = 0; i < n; i++)
        {
            var q = questions[i % questions.Length] + (i >= questions.Length ? $" ({i / questions.Length})" : "");
            var clock = TimeProvider.System.GetTimestamp();
            var vector = await embedder.GenerateVectorAsync(q, QueryEmbedding.Options);
            embed.Add(TimeProvider.System.GetElapsedTime(clock).TotalMilliseconds);
            if (i < questions.Length) queryVectors.Add(vector.ToArray());
            clock = TimeProvider.System.GetTimestamp();
            var result = await retriever.SearchAsync(q, 5, null, default);
            search.Add(TimeProvider.System.GetElapsedTime(clock).TotalMilliseconds);
            dense.Add(result.TimingsMs.GetValueOrDefault("dense_ms"));
            lexical.Add(result.TimingsMs.GetValueOrDefault("lexical_ms"));
        }

        // Steady state, as a long-running service sees it: hot code is compiled again, optimised, only after a while.
        await ChatAsync(answers, questions, args.Int("warmup", 500), 4);
        var chatN = args.Int("chat-n", 200);
        var chatStart = TimeProvider.System.GetTimestamp();
        var (latencies, answered) = await ChatAsync(answers, questions, chatN, 8);
        var chatSeconds = TimeProvider.System.GetElapsedTime(chatStart).TotalSeconds;
        var peak = Stats.PeakMemoryMb();
        // After the peak is read: this loads a second copy of the index.
        var scan = args.Optional("qdrant") is null ? DenseScan.Compare(Path.Combine(args.Required("data"), "index"), queryVectors) : null;
        Emit(new ServeResult(chunks, loadMs, firstAnswerMs, loadedRss,
            Stats.Percentile(embed, 50), Stats.Percentile(search, 50), Stats.Percentile(search, 95),
            Stats.Percentile(dense, 50), Stats.Percentile(lexical, 50),
            Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 95), chatN / chatSeconds, answered, peak, scan));
        return 0;
    }

    /// <summary>Asks <paramref name="n"/> golden questions from <paramref name="concurrency"/> callers at once, in process.</summary>
    private static async Task<(List<double> Latencies, int Answered)> ChatAsync(AnswerService answers, string[] questions, int n, int concurrency)
    {
        var latencies = new List<double>();
        var answered = 0;
        var next = -1;
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                var clock = TimeProvider.System.GetTimestamp();
                var result = await answers.AskAsync(new ChatRequest(questions[i % questions.Length]), default);
                var ms = TimeProvider.System.GetElapsedTime(clock).TotalMilliseconds;
                lock (gate)
                {
                    latencies.Add(ms);
                    if (result.Answer.Status == AnswerStatus.Answered) answered++;
                }
            }
        })));
        return (latencies, answered);
    }

    private static (string, string)[] Store(BenchArgs args) =>
        args.Optional("qdrant") is { } url ? [("Ask:Store", "Qdrant"), ("Qdrant:Url", url)] : [];

    private static int[] Sizes(string text, string option)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 64)
                throw new ArgumentException($"--{option}: '{part}' is not a multiple of the archive from 1 to 64.");
            sizes.Add(size);
        }
        return [.. sizes];
    }

    private static void Reset(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
    }

    private static void Emit<T>(T result) => Console.WriteLine(JsonSerializer.Serialize(result, Json));

    /// <summary>Runs this bench again as a child (niceness is inherited) and reads the JSON line it ends with.</summary>
    private static async Task<T> ChildAsync<T>(string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Started through `dotnet Ask.Benchmarks.dll`, the process is the dotnet host: the child needs the dll too.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(ScaleBench).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The web service runs the server garbage collector (the Web SDK's default; Ask.Web.runtimeconfig.json), and
        // at 4× the archive the workstation collector's pauses alone pushed chat p95 at 8 requests from 31 to 113 ms:
        // a serving child measures what the service would see.
        if (arguments[0] == "scale-serve") start.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {arguments[0]} child process");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || last is null)
            throw new InvalidOperationException($"the {arguments[0]} child exited {child.ExitCode} without its figures:\n{output}");
        return JsonSerializer.Deserialize<T>(last, Json)!;
    }

    private static async Task<Process> StartServerAsync(string dll, int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--port", $"{port}" }) start.ArgumentList.Add(argument);
        var server = Process.Start(start) ?? throw new InvalidOperationException("could not start the Qdrant-protocol server");
        var first = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (first is null || !first.Contains("listening", StringComparison.Ordinal))
        {
            server.Kill();
            throw new InvalidOperationException($"the Qdrant-protocol server did not start on port {port}: {first}");
        }
        return server;
    }

    /// <summary>Peak resident memory (VmHWM) of another process, in MB; null where /proc is not there.</summary>
    private static double? PeakOf(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static void Print(Row r)
    {
        var server = r.ServerPeakMb is { } s ? string.Create(CultureInfo.InvariantCulture, $", server peak {s:F0} MB") : "";
        if (r.Serve.Scan is { } scan)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  dense top {scan.K}, {scan.Queries} golden questions: exact scan p50 {scan.ExactP50:F2} ms, 8-bit scan + exact shortlist p50 {scan.QuantizedP50:F2} ms " +
                $"({scan.QuantizedP50 / scan.ExactP50:F2}x); recall against exact: mean {scan.MeanRecall:F4}, lowest {scan.LowestRecall:F2}, identical rankings {scan.Identical}/{scan.Queries}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Store} {r.Size}x: {r.Serve.Chunks} chunks, {r.Build.Sentences} sentence rows; build {r.Build.Seconds:F1} s (peak {r.Build.PeakMb:F0} MB); " +
        $"load {r.Serve.LoadMs:F0} ms, first answer at {r.Serve.FirstAnswerMs:F0} ms; search p50 {r.Serve.SearchP50:F1} / p95 {r.Serve.SearchP95:F1} ms " +
        $"(embedding alone p50 {r.Serve.EmbedP50:F1}, dense {r.Serve.DenseP50:F1}, lexical {r.Serve.LexicalP50:F1}); chat at 8: p50 {r.Serve.ChatP50:F1} / p95 {r.Serve.ChatP95:F1} ms, {r.Serve.ChatPerSecond:F1}/s, " +
        $"{r.Serve.Answered} answered; serving peak {r.Serve.PeakMb:F0} MB (after load {r.Serve.LoadedRssMb:F0}){server}"));
    }

    /// <summary>A Markdown table, each store's rows with their ratios to that store's smallest size.</summary>
    private static string Table(List<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| store | size | chunks | build s | load ms | first answer ms | search p50 ms | search p95 ms | chat p50 ms (8) | chat p95 ms (8) | chat req/s | serving peak MB | build peak MB | server peak MB |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Store))
        {
            var b = group.First();
            foreach (var r in group)
            {
                var first = ReferenceEquals(r, b);
                string F(double v, double baseline, string format) =>
                    v.ToString(format, CultureInfo.InvariantCulture) + (first ? "" : $" ({(v / baseline).ToString("F2", CultureInfo.InvariantCulture)}×)");
                string[] cells = [
                    $"| {r.Store}", $"{r.Size}×", F(r.Serve.Chunks, b.Serve.Chunks, "N0"), F(r.Build.Seconds, b.Build.Seconds, "F1"),
                    F(r.Serve.LoadMs, b.Serve.LoadMs, "F0"), F(r.Serve.FirstAnswerMs, b.Serve.FirstAnswerMs, "F0"),
                    F(r.Serve.SearchP50, b.Serve.SearchP50, "F1"), F(r.Serve.SearchP95, b.Serve.SearchP95, "F1"),
                    F(r.Serve.ChatP50, b.Serve.ChatP50, "F1"), F(r.Serve.ChatP95, b.Serve.ChatP95, "F1"), F(r.Serve.ChatPerSecond, b.Serve.ChatPerSecond, "F0"),
                    F(r.Serve.PeakMb, b.Serve.PeakMb, "F0"), F(r.Build.PeakMb, b.Build.PeakMb, "F0"),
                    r.ServerPeakMb is { } s && b.ServerPeakMb is { } sb ? F(s, sb, "F0") + " |" : "– |"];
                text.AppendLine(string.Join(" | ", cells));
            }
        }
        text.Append("Ratios in brackets are to the same store's first size in this run. Goals: search p50 <= 15 ms, chat p95 <= 100 ms at 8 concurrent requests.");
        return text.ToString();
    }

    private sealed record BuildResult(long Chunks, int Episodes, int Sentences, double Seconds, double PeakMb);

    private sealed record ServeResult(long Chunks, double LoadMs, double FirstAnswerMs, double LoadedRssMb, double EmbedP50, double SearchP50, double SearchP95,
        double DenseP50, double LexicalP50, double ChatP50, double ChatP95, double ChatPerSecond, int Answered, double PeakMb, DenseScan.Result? Scan);

    private sealed record Row(string Store, int Size, BuildResult Build, ServeResult Serve, double? ServerPeakMb);
}
