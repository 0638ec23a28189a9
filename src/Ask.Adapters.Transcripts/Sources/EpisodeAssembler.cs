using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.Chapters;
using Ask.Adapters.Transcripts.EpisodeFiles;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>
/// Attaches raw captions and chapter lists to their episodes: to the episode named in the options
/// (explicit, and then they replace what the episode file has), else to the episode file of the same
/// base name in the same folder (and then they only fill in what it lacks).
/// </summary>
internal sealed class EpisodeAssembler(EpisodeReaderOptions options)
{
    private readonly List<Slot> _slots = [];
    private readonly Dictionary<string, Slot> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Slot> _bySibling = new(StringComparer.Ordinal);
    private readonly List<(int Order, EpisodeReadResult Result)> _skipped = [];

    /// <summary>An episode being assembled, with the position of the file that introduced it.</summary>
    private sealed class Slot(int order, Episode episode, IEnumerable<ReadProblem> problems, bool hasHeaders)
    {
        public int Order { get; } = order;
        public Episode Episode { get; set; } = episode;
        public List<ReadProblem> Problems { get; } = [.. problems];
        public bool HasHeaders { get; set; } = hasHeaders;
    }

    public List<EpisodeReadResult> Assemble(IReadOnlyList<SourceReading> readings)
    {
        for (var i = 0; i < readings.Count; i++)
        {
            var result = readings[i].Result;
            if (result?.Episode is { } episode) Register(new Slot(i, episode, result.Problems, episode.Lines.Any(l => l.Chapter is not null)), readings[i].Path);
            else if (result is not null) _skipped.Add((i, result));
        }
        // Captions first, so that a chapter list can attach to an episode that captions created.
        for (var i = 0; i < readings.Count; i++)
            if (readings[i].Format.IsTranscript()) AttachCaptions(i, readings[i]);
        for (var i = 0; i < readings.Count; i++)
            if (readings[i].Format.IsChapters()) AttachChapters(i, readings[i]);

        WarnIdsDifferingInCase();

        return _slots.Select(s => (s.Order, Result: EpisodeReadResult.Read(s.Episode, s.Problems)))
            .Concat(_skipped)
            .OrderBy(x => x.Order)
            .Select(x => x.Result)
            .ToList();
    }

    private void Register(Slot slot, string path)
    {
        _slots.Add(slot);
        _byId.TryAdd(slot.Episode.Id, slot);
        _bySibling.TryAdd(SiblingKey(path), slot);
    }

    private void AttachCaptions(int order, SourceReading captions)
    {
        var lines = options.MergeCaptions
            ? CaptionMerger.Merge(captions.Captions)
            : captions.Captions.Select(c => new TranscriptLine(c.StartSec, c.Speaker, c.Text, SourceLine: c.SourceLine)).ToList();
        if (Explicit() is { } target)
        {
            target.Problems.AddRange(captions.Problems);
            if (target.Episode.HasTranscript)
                target.Problems.Add(Note(target, $"transcript replaced by the {captions.Format.Describe()} of {captions.Path}, as requested"));
            Supply(target, lines);
        }
        else if (options.EpisodeId is not null)
        {
            Register(new Slot(order, FromCaptionsAlone(captions.Path, options.EpisodeId, lines), captions.Problems, false), captions.Path);
        }
        else if (_bySibling.GetValueOrDefault(SiblingKey(captions.Path)) is { } sibling)
        {
            sibling.Problems.AddRange(captions.Problems);
            if (sibling.Episode.HasTranscript)
                sibling.Problems.Add(Note(sibling, $"{captions.Format.Describe()} in {captions.Path} ignored: the episode has its own transcript (name the episode explicitly to replace it)"));
            else
                Supply(sibling, lines);
        }
        else
        {
            var id = EpisodeIds.FromFileName(captions.Path);
            var problems = captions.Problems.ToList();
            if (options.Title is null)
                problems.Insert(0, new ReadProblem(captions.Path, 0, $"{captions.Format.Describe()} with no episode file or metadata: indexed as '{id}', titled from the file name"));
            Register(new Slot(order, FromCaptionsAlone(captions.Path, id, lines), problems, false), captions.Path);
        }
    }

    private void AttachChapters(int order, SourceReading list)
    {
        var isExplicit = Explicit() is not null;
        var target = Explicit() ?? _bySibling.GetValueOrDefault(SiblingKey(list.Path));
        if (target is null)
        {
            var hint = options.EpisodeId is null
                ? $"name it '{EpisodeIds.BaseName(list.Path)}.chapters.txt' beside its episode file, or name the episode"
                : $"episode '{options.EpisodeId}' was not read in this run";
            _skipped.Add((order, new EpisodeReadResult(list.Path, null,
                [.. list.Problems, new ReadProblem(list.Path, 0, $"chapter list with no episode to attach to: {hint}", SkipReason.Unattached)])));
            return;
        }
        target.Problems.AddRange(list.Problems);
        if (target.HasHeaders && !isExplicit)
        {
            target.Problems.Add(Note(target, $"chapter list {list.Path} ignored: the transcript has its own chapter headers (name the episode explicitly to replace them)"));
            return;
        }
        target.Episode = target.Episode with
        {
            Chapters = list.Chapters,
            Lines = ChapterListParser.Assign(target.Episode.Lines, list.Chapters),
        };
        target.HasHeaders = false;
    }

    // "Foo.md" and "foo.md" are two episodes on Linux, but one file (and a clash) once the folder is
    // copied to macOS or Windows, and links by id would depend on where the index was built.
    private void WarnIdsDifferingInCase()
    {
        foreach (var group in _slots.GroupBy(s => s.Episode.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(s => s.Episode.Id).Distinct(StringComparer.Ordinal).Count() > 1))
            foreach (var slot in group)
            {
                var others = string.Join(", ", group.Where(o => o.Episode.Id != slot.Episode.Id).Select(o => $"'{o.Episode.Id}' ({o.Episode.Source})"));
                slot.Problems.Add(Note(slot, $"episode id '{slot.Episode.Id}' differs only in case from {others}: separate episodes here, but they clash on case-insensitive file systems (macOS, Windows)"));
            }
    }

    private Slot? Explicit() => options.EpisodeId is { } id ? _byId.GetValueOrDefault(id) : null;

    private static void Supply(Slot slot, List<TranscriptLine> lines)
    {
        var chapters = slot.Episode.Chapters;
        slot.Episode = slot.Episode with { Lines = chapters.Count > 0 ? ChapterListParser.Assign(lines, chapters) : lines };
        slot.HasHeaders = false;
    }

    private Episode FromCaptionsAlone(string path, string id, List<TranscriptLine> lines) =>
        new(id, options.Title ?? EpisodeIds.TitleFromFileName(path), lines)
        {
            YouTubeId = options.YouTubeId,
            Guests = [.. options.Guests],
            Source = path,
        };

    private static ReadProblem Note(Slot slot, string message) => new(slot.Episode.Source, 0, message);

    private static string SiblingKey(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", EpisodeIds.BaseName(path));
}
