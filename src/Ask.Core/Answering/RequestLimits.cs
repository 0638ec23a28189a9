namespace Ask.Core.Answering;

/// <summary>
/// The one definition of what a question may be, used by the web API, the Slack bot, the command line and
/// the answer service alike: a question, an earlier turn sent as <c>history</c> and a turn decoded from a
/// <c>conversation_id</c> are all checked here (length, control characters, nulls), and so are the sizes
/// of a search (passages asked for, filter values).
/// </summary>
public static class RequestLimits
{
    /// <summary>Characters in a question (after trimming), and in the standalone question a follow-up is rewritten to.</summary>
    public const int MaxQuestionChars = 1000;

    /// <summary>Passages one search may ask for (<c>k</c>, <c>--k</c>).</summary>
    public const int MaxSearchPassages = 100;

    /// <summary>Values of one filter (episodes, guests, podcasts) a search may send.</summary>
    public const int MaxFilterValues = 20;

    /// <summary>Characters of one filter value (an episode id, a guest, a podcast id).</summary>
    public const int MaxFilterChars = 200;

    /// <summary>Earlier turns a request may send in <c>history</c>.</summary>
    public const int MaxHistoryTurns = 20;

    /// <summary>Characters in the answer of an earlier turn (sent in <c>history</c> or carried in a conversation token).</summary>
    public const int MaxTurnAnswerChars = 4000;

    /// <summary>Bytes of JSON a conversation token may inflate to.</summary>
    public const int MaxConversationBytes = 16 * 1024;

    /// <summary>People a conversation turn may name (the guests its answer quoted).</summary>
    public const int MaxTurnPeople = 6;

    /// <summary>Characters of a person's name or an episode's title carried by a conversation turn.</summary>
    public const int MaxNameChars = 200;

    /// <summary>What is wrong with <paramref name="text"/> as the <paramref name="what"/> of a request, or null when it is fine.</summary>
    public static string? Check(string what, string? text, int maxChars = MaxQuestionChars, bool required = true)
    {
        if (text is null) return required ? $"The {what} is missing (null)." : null;
        var trimmed = text.Trim();
        if (required && trimmed.Length == 0) return $"The {what} is empty.";
        if (trimmed.Length > maxChars) return $"The {what} has {trimmed.Length} characters; the limit is {maxChars}.";
        foreach (var c in trimmed)
            if (char.IsControl(c) && c is not ('\n' or '\t' or '\r'))
                return $"The {what} contains a control character (U+{(int)c:X4}).";
        return null;
    }

    /// <summary>Checks a question; throws <see cref="AskRequestException"/> naming <paramref name="field"/>.</summary>
    public static void EnsureQuestion(string field, string? question)
    {
        if (Check("question", question) is { } error) throw new AskRequestException(field, error);
    }

    /// <summary>Checks earlier turns; throws <see cref="AskRequestException"/> naming <paramref name="field"/> and the turn.</summary>
    public static void EnsureTurns(string field, IReadOnlyList<ConversationTurn?> turns)
    {
        if (turns.Count > MaxHistoryTurns) throw new AskRequestException(field, $"Send at most {MaxHistoryTurns} earlier turns.");
        for (var i = 0; i < turns.Count; i++)
        {
            var where = $"{field}[{i}]";
            if (turns[i] is not { } turn) throw new AskRequestException(where, $"Turn {i} of {field} is null.");
            if (Check("question", turn.Question) is { } q) throw new AskRequestException(where + ".question", q);
            if (Check("answer", turn.Answer, MaxTurnAnswerChars, required: false) is { } a) throw new AskRequestException(where + ".answer", a);
            // What a follow-up may carry from the turn: a few names and one title, each short.
            if (turn.People is { } people)
            {
                if (people.Count > MaxTurnPeople) throw new AskRequestException(where + ".people", $"At most {MaxTurnPeople} people per turn.");
                for (var p = 0; p < people.Count; p++)
                    if (Check("person", people[p], MaxNameChars) is { } n) throw new AskRequestException($"{where}.people[{p}]", n);
            }
            if (Check("episode", turn.Episode, MaxNameChars, required: false) is { } e) throw new AskRequestException(where + ".episode", e);
        }
    }

    /// <summary><paramref name="text"/> cut to <paramref name="maxChars"/> characters (never inside a surrogate pair).</summary>
    public static string Cap(string text, int maxChars = MaxQuestionChars)
    {
        if (text.Length <= maxChars) return text;
        var end = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..end].TrimEnd();
    }
}
