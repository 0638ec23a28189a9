namespace Ask.Web.Tests.Replicas;

/// <summary>
/// An episode only the second ingest has, about a subject none of the sample episodes mentions (varroa mites,
/// hives), so whether a replica serves the new generation shows in one answer.
/// </summary>
internal static class BeekeepingEpisode
{
    public const string FileName = "sample-bees-on-the-roof.md";

    public const string Question = "What did Mira say about varroa mites in the hives?";

    public const string TitleWord = "Beehives";

    /// <summary>Words no sample episode says: unknown to a replica until it has read the new generation's vocabulary.</summary>
    public const string NewWords = "varroa oxalic";

    public static void WriteTo(string folder) => File.WriteAllText(Path.Combine(folder, FileName), Text);

    private const string Text = """
        ---
        title: 'Sample: Beehives on the Data Center Roof'
        short: 'Sample: Beehives'
        sample: true
        season: 0
        episode: 9
        guests:
        - sample-mira-holm
        dateadded: 2025-03-03
        description: 'A test episode: a site engineer keeps bees on the roof of a data center.'
        transcript:
        - header: 'Bees on the roof'
        - line: 'Welcome back. My guest today is Mira Holm, a site engineer who keeps twelve beehives on
            the roof of a data center outside Aarhus. Mira, why bees?'
          sec: 0
          time: '0:00'
          who: Dana
        - line: 'The roof is warm all winter because of the waste heat from the cooling plant, so the
            colonies come through the cold months much stronger than hives in the fields around us.'
          sec: 12
          time: '0:12'
          who: Mira
        - line: 'What is the hardest part of keeping them healthy?'
          sec: 30
          time: '0:30'
          who: Dana
        - line: 'Varroa mites. The varroa mites ride on the bees and weaken the brood, and one
            untreated hive passes them to every other hive on the roof. We count the mites on a sticky
            board under each hive every week and treat with oxalic acid when the count passes three a day.'
          sec: 36
          time: '0:36'
          who: Mira
        - line: 'And the honey? Does it taste of anything unusual?'
          sec: 61
          time: '1:01'
          who: Dana
        - line: 'It tastes of linden and clover from the park next door. Last summer the twelve hives
            gave us about two hundred kilos of honey, and the operations team sells it at the canteen.'
          sec: 66
          time: '1:06'
          who: Mira
        ---
        """;
}
