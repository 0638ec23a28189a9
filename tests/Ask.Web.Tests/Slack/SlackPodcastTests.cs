using Ask.Core.Ingestion;
using Ask.Testing.Episodes;
using Ask.Testing.FakeSlack;
using Ask.Web.Tests.Page;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Web.Tests.Slack;

/// <summary>The bot over an index of two podcasts, answering a question that names one with <c>podcast:</c>.</summary>
public sealed class SlackPodcastTests(SlackPodcastTests.Fixture fixture) : IClassFixture<SlackPodcastTests.Fixture>
{
    private const string AudioUrl = "https://media.bees.example.org/hives.wav";

    public sealed class Fixture : SlackFixture
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            var reader = new InMemoryEpisodeReader();
            reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
            reader.Results.Add(EpisodeReadResult.Read(PodcastAudio.Episode(AudioUrl)));
            var folder = Path.Combine(App.DataDirectory, "episodes");
            Directory.CreateDirectory(folder);
            settings["Ask:EpisodesDirectory"] = folder;
            App.TestServices = services => services.AddSingleton<IEpisodeReader>(reader);
        }
    }

    [Fact]
    public async Task AQuestionNamingAPodcastIsAnsweredFromThatPodcastOnly()
    {
        var channel = SlackFixture.NewChannel();

        await fixture.SendEventAsync("Ev-pod-" + channel, SlackRequests.Mention(channel, "UP1", "7.1", "<@UBOT> podcast:bee-show How much honey does a colony eat over the winter?"));

        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        var blocks = post.BlocksText;
        Assert.Contains("_Winter Hives_ (The Bee Show)", blocks);
        Assert.Contains($"<{AudioUrl}#t=", blocks);
        Assert.Contains("▶ listen at", blocks);
        Assert.DoesNotContain("Lean MLOps", blocks);
    }

    [Fact]
    public async Task ABadPodcastIsRefusedNamingIt()
    {
        var channel = SlackFixture.NewChannel();

        await fixture.SendEventAsync("Ev-badpod-" + channel, SlackRequests.Mention(channel, "UP2", "7.2", "<@UBOT> podcast:Bee_Show what about winter?"));

        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Contains("podcast:Bee_Show", post.Text);
        Assert.Contains("lower-case letters", post.Text);
    }
}
