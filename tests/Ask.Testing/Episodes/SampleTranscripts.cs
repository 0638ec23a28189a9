using Ask.Core.Episodes;

namespace Ask.Testing.Episodes;

/// <summary>Small episodes written for tests, with distinctive topics per chapter.</summary>
public static class SampleTranscripts
{
    public static Episode Episode(string id, string title, params (double Sec, string Speaker, string Text)[] lines) =>
        new(id, title, lines.Select(l => new TranscriptLine(l.Sec, l.Speaker, l.Text)).ToArray())
        {
            YouTubeId = "yt-" + id,
            Source = $"/episodes/{id}.md",
            Guests = ["guest-" + id],
        };

    public static Episode LeanMlops() => Episode("lean-mlops", "Lean MLOps for Startups",
        (0, "Alexey", "Welcome to the show. Today we talk about MLOps in small companies."),
        (20, "Nemanja", "Thanks for having me. I lead the machine learning team at a small startup."),
        (60, "Alexey", "What do you think about Kubeflow for an early-stage startup?"),
        (75, "Nemanja", "Kubeflow is a pain. All those YAML files and the Kubernetes complexity are too much for a team of three."),
        (120, "Alexey", "And what about vendor lock-in with managed cloud services?"),
        (135, "Nemanja", "Vendor lock-in worries people, but for a startup speed matters more. You can migrate later when you have revenue."));

    public static Episode FeatureStores() => Episode("feature-stores", "Feature Stores Explained",
        (0, "Alexey", "Our guest today built a feature store at a bank."),
        (30, "Maria", "A feature store keeps the same feature definitions for training and serving, which stops training-serving skew."),
        (90, "Alexey", "Would you build one yourself?"),
        (100, "Maria", "Only if you have many teams sharing features. Otherwise a few well-tested SQL views do the job."));
}
