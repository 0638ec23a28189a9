using System.Buffers.Binary;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Testing;
using Ask.Testing.Episodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Web.Tests.Page;

/// <summary>
/// A podcast without video: its episode's audio is a WAV file made here (a quiet tone, long enough to
/// seek into) and served by a loopback server on its own port, so the page loads it from another origin.
/// </summary>
public sealed class PodcastAudio : IAsyncDisposable
{
    public static readonly Podcast Show = new("bee-show", "The Bee Show");

    /// <summary>Seconds of audio: past every line of <see cref="Episode"/>.</summary>
    public const int Seconds = 120;

    private readonly WebApplication _server;
    private int _requests;

    private PodcastAudio(WebApplication server) => _server = server;

    public string Origin => _server.Urls.First().TrimEnd('/');
    public string AudioUrl => Origin + "/media/hives.wav";
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<PodcastAudio> StartAsync()
    {
        var wav = Wav(Seconds);
        var builder = LoopbackServer.CreateBuilder();
        var app = builder.Build();
        var audio = new PodcastAudio(app);
        app.MapGet("/media/hives.wav", () =>
        {
            Interlocked.Increment(ref audio._requests);
            return Results.File(wav, "audio/wav", enableRangeProcessing: true);
        });
        await app.StartAsync();
        return audio;
    }

    /// <summary>The audio-only episode, as a feed reader would hand it over.</summary>
    public Episode Episode() => Episode(AudioUrl);

    public static Episode Episode(string audioUrl) => SampleTranscripts.Episode("hives", "Winter Hives",
            (0, "Host", "Welcome back to the show about bees."),
            (20, "Jo Hart", "In winter a honeybee colony forms a tight cluster and shivers its flight muscles to keep the queen warm."),
            (50, "Host", "How much honey does a colony need to survive the winter?"),
            (65, "Jo Hart", "A strong colony eats about twenty kilograms of honey between November and March, so never harvest the last super."),
            (95, "Host", "Thanks Jo, that was the winter hives episode."))
        with
        {
            YouTubeId = null,
            Podcast = Show,
            AudioUrl = audioUrl,
            PageUrl = "https://bees.example.org/episodes/hives",
            Guests = ["jo-hart"],
        };

    /// <summary>8 kHz, 8-bit mono PCM: a 220 Hz tone, small and valid for any browser.</summary>
    private static byte[] Wav(int seconds)
    {
        const int rate = 8000;
        var samples = rate * seconds;
        var bytes = new byte[44 + samples];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + samples);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], rate);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 8);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples);
        for (var i = 0; i < samples; i++) bytes[44 + i] = (byte)(128 + 20 * Math.Sin(2 * Math.PI * 220 * i / rate));
        return bytes;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

/// <summary>The service over two podcasts: the first archive's episode with a video, and the bee show with audio only.</summary>
public sealed class PodcastPageFixture : IAsyncLifetime
{
    public AskApplication App { get; } = new();
    public PodcastAudio Audio { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public BrowserSession Browser { get; private set; } = null!;
    public string BaseUrl => Client.BaseAddress!.ToString();

    public async Task InitializeAsync()
    {
        Audio = await PodcastAudio.StartAsync();
        var reader = new InMemoryEpisodeReader();
        reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        reader.Results.Add(EpisodeReadResult.Read(Audio.Episode()));
        var folder = Path.Combine(App.DataDirectory, "episodes");
        Directory.CreateDirectory(folder);
        App.Settings["Ask:EpisodesDirectory"] = folder;
        // Episodes as a feed reader hands them over (podcast, audio, page); the files reader has no such fields.
        App.TestServices = services => services.AddSingleton<IEpisodeReader>(reader);
        Client = App.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(Client);
        if (Chromium.Path is not null) Browser = await BrowserSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        await App.DisposeAsync();
        await Audio.DisposeAsync();
    }
}
