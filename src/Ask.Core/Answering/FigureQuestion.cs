using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>What kind of figure a question asks for, if any.</summary>
public enum FigureKind
{
    None,
    /// <summary>"How many …": a count.</summary>
    Count,
    /// <summary>"How much did … raise / cost / pay": an amount of money.</summary>
    Amount,
    /// <summary>"What percentage / share …".</summary>
    Percentage,
    /// <summary>"What year …", "When was … founded": a year or a date.</summary>
    Date,
    /// <summary>"How long …", "How many years …": a length of time.</summary>
    Duration,
}

/// <summary>
/// A question that asks for a figure — a count, an amount, a percentage, a date or a year — is answered
/// only by words that state one of that kind. The archive often covers the topic of such a question (the
/// guest's company, the guest's project) without ever giving the figure; quoting the guest's general
/// remarks then looks like an answer and is not one.
/// </summary>
public static partial class FigureQuestion
{
    [GeneratedRegex(@"\bhow\s+many\s+(years?|months?|weeks?|days?|hours?|minutes?)\b|\bhow\s+long\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksDuration();

    [GeneratedRegex(@"\bhow\s+many\b|\bwhat\s+(?:is|was|were|are)\s+the\s+(?:number|count|size)\s+of\b|\bwhat\s+number\s+of\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksCount();

    [GeneratedRegex(@"\bhow\s+much\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowMuch();

    // "how much does X matter" asks for a judgement, not a figure; "how much did they raise" asks for money.
    [GeneratedRegex(@"\b(pay|paid|pays|cost|costs|salary|salaries|raise|raised|funding|funded|price|priced|budget|revenue|earn|earned|earns|spend|spent|money|dollars?|euros?|charge|charged|invest|invested|investment|worth|valuation|fee|fees|income|sold\s+for|make\s+per|made\s+per)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyWord();

    // "How much does she make from her videos?": to make, said of a person, is to earn.
    [GeneratedRegex(@"\bhow\s+much\s+(?:money\s+)?(?:does|did|do|would|will|can|could)\s+(?:\S+\s+){1,6}?(make|makes|made)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowMuchMake();

    [GeneratedRegex(@"\bhow\s+much\s+(time|data|memory|storage|traffic|compute|ram|disk|space|gpu|gpus|load)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowMuchQuantity();

    [GeneratedRegex(@"\b(what|which)\s+(percentage|percent|proportion|fraction|share)\b|\bwhat\s+%|\bhow\s+many\s+percent\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksPercentage();

    [GeneratedRegex(@"\b(in\s+)?(what|which)\s+(year|month|date|decade)\b|\bsince\s+when\b|\bwhen\s+(was|were|did|is)\b.{0,60}\b(founded|born|started|start|launched|launch|created|create|established|acquired|released|release|join|joined|graduated|graduate|finish|finished|began|begin|leave|left|move|moved|publish|published|open|opened|founded)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksDate();

    // "What salary did she get", "What does he charge for the book": money asked for without "how much".
    [GeneratedRegex(@"\bwhat\s+(?:\w+\s+)?(salary|salaries|price|valuation|revenue|budget|fee|fees|wage|rate)\b|\bwhat\s+(?:does|did|do|would)\s+.{1,40}\b(charge|pay|earn|cost)\b(?!.*\bin\s+terms\s+of\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksAmount();

    // The words after "how many": "how many GitHub stars does …" counts stars.
    [GeneratedRegex(@"\bhow\s+many\s+((?:[\p{L}\-]+\s*){1,4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountedPhrase();

    // Words that end the counted phrase: "how many people | started …", "how many dogs | are …".
    private static readonly HashSet<string> PhraseEnds = new(StringComparer.Ordinal)
    {
        "do", "does", "did", "are", "is", "were", "was", "have", "has", "had", "can", "could", "will", "would", "should",
        "of", "in", "on", "at", "per", "for", "from", "with", "that", "who", "they", "he", "she", "it", "we", "you", "i",
        "there", "does", "work", "worked", "working", "use", "used", "attend", "attended", "join", "joined",
    };

    // "How much of a team's time goes to maintenance?" asks for a share ("about 45 percent"), not for money,
    // even when the question says "spend".
    [GeneratedRegex(@"\bhow\s+much\s+of\s+(?:\S+\s+){0,5}?time\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsksShareOfTime();

    public static FigureKind Of(string question)
    {
        if (AsksPercentage().IsMatch(question) || AsksShareOfTime().IsMatch(question)) return FigureKind.Percentage;
        if (AsksDuration().IsMatch(question)) return FigureKind.Duration;
        if (AsksCount().IsMatch(question)) return FigureKind.Count;
        if (HowMuch().IsMatch(question))
        {
            if (MoneyWord().IsMatch(question) || HowMuchMake().IsMatch(question)) return FigureKind.Amount;
            if (HowMuchQuantity().IsMatch(question)) return FigureKind.Count;
        }
        if (AsksDate().IsMatch(question)) return FigureKind.Date;
        if (AsksAmount().IsMatch(question)) return FigureKind.Amount;
        return FigureKind.None;
    }

    /// <summary>
    /// The words naming what a "how many …" question counts, lower-cased: the phrase after "how many" up to
    /// its first plural or people word ("github stars", "parcel scan events"), else up to the verb. Null
    /// when it cannot be told.
    /// </summary>
    public static string? CountedNounOf(string question)
    {
        var match = CountedPhrase().Match(question);
        if (!match.Success) return null;
        var words = match.Groups[1].Value.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var phrase = new List<string>();
        foreach (var word in words)
        {
            if (PhraseEnds.Contains(word) || word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("ing", StringComparison.Ordinal)) break;
            phrase.Add(word);
            if (PeopleNouns.Contains(word) || (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))) break;
        }
        return phrase.Count == 0 || phrase[^1].Length < 3 || GenericCounted.Contains(phrase[^1]) ? null : string.Join(' ', phrase);
    }

    // Nouns that say nothing about what is counted; any number answers them.
    private static readonly HashSet<string> GenericCounted = new(StringComparer.Ordinal) { "ones", "things", "items", "times", "of" };

    // People are counted under many names: "How many salespeople …" is answered by "140 people on the sales team".
    private static readonly HashSet<string> PeopleNouns = new(StringComparer.Ordinal)
    {
        "people", "persons", "person", "employees", "employee", "staff", "members", "member", "participants", "attendees",
        "folks", "engineers", "scientists", "analysts", "users", "students", "customers", "clients", "colleagues",
        "reports", "hires", "developers", "contributors", "subscribers", "followers", "learners", "team", "teammates",
        "workers", "salespeople", "researchers", "mentees", "interviewees", "candidates", "volunteers", "speakers", "guests",
    };

    // After the counted noun, the words that may stand before its number: "the team is about 20", "a team of twelve".
    private static readonly HashSet<string> CountLinks = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "of", "about", "around", "roughly", "approximately", "over", "nearly", "almost",
        "like", "has", "have", "had", "reached", "grew", "to", "only", "just", "maybe", "probably", "already", "now", "than", "more", "less",
    };

    /// <summary>
    /// The verb a "how many …" question ends on ("run" of "How many marathons has Noah Gift run?"): a reply
    /// may give the number after it without the noun ("I've run seven"). Null for auxiliaries and when the
    /// question ends otherwise.
    /// </summary>
    public static string? CountingVerbOf(string question)
    {
        if (!AsksCount().IsMatch(question)) return null;
        var words = QuoteLocator.Normalize(question).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4) return null;
        var last = words[^1];
        return last.Length < 3 || PhraseEnds.Contains(last) || Auxiliaries.Contains(last) || words[^2] == "many" ? null : last;
    }

    private static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal) { "be", "been", "get", "got", "make", "take", "need", "now", "today", "there", "total", "year", "all" };

    /// <summary>Whether <paramref name="text"/> gives a number right after <paramref name="verb"/> ("I've run seven").</summary>
    public static bool CountsAfterVerb(string text, string verb)
    {
        var words = QuoteLocator.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i++)
            if (words[i] == verb && IsNumber(words[i + 1])) return true;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="text"/> gives a number of what <paramref name="counted"/> names (any of its
    /// words: "parcel scan events" is counted by "ninety million parcel scans"): a number a few words
    /// before it ("eight people", "5000 GitHub stars") or after it across linking words ("the team is about
    /// 20"). A sentence with a number of something else ("370 people" for GitHub stars) does not.
    /// </summary>
    public static bool CountsNoun(string text, string counted)
    {
        var nouns = counted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var words = QuoteLocator.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (!nouns.Any(noun => SameCounted(words[i], noun))) continue;
            for (var j = Math.Max(0, i - 4); j < i; j++)
                if (IsNumber(words[j])) return true;
            for (var j = i + 1; j < Math.Min(words.Length, i + 5); j++)
            {
                if (IsNumber(words[j])) return true;
                if (!CountLinks.Contains(words[j])) break;
            }
        }
        return false;
    }

    private static bool SameCounted(string word, string noun)
    {
        if (word == noun) return true;
        var stem = Math.Min(5, Math.Min(word.Length, noun.Length));
        if (stem >= 4 && word[..stem] == noun[..stem] && Math.Abs(word.Length - noun.Length) <= 3) return true;
        bool People(string w) => PeopleNouns.Contains(w) || w.EndsWith("people", StringComparison.Ordinal);
        return People(word) && People(noun);
    }

    private static bool IsNumber(string word) => AnyNumber().IsMatch(word);

    private const string NumberWords =
        "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|single";

    [GeneratedRegex(@"\d|\b(" + NumberWords + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyNumber();

    // Money, not just a big number: "ninety million scans" or "above three hundred million" is a count;
    // "$40k", "three hundred euros", "several thousands of dollars", and "two million" in a sentence about
    // raising or paying are amounts.
    private const string Currency = "dollars?|euros?|pounds|bucks|rupees|francs|usd|eur|gbp|cents?";

    [GeneratedRegex(@"[$€£¥₹]\s?\d|\b\d[\d,.]*\s?(k|m|bn|mm)\b|\b(\d[\d,.]*|a|one|several|few|" + NumberWords + @")\s+((hundred|thousand|million|billion)s?\s+)?(of\s+)?(" + Currency + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyFigure();

    [GeneratedRegex(@"\b(\d[\d,.]*|a|one|" + NumberWords + @")\s+(thousand|million|billion)\b|\b\d{1,3}(,\d{3})+\b|\b\d{3,}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LargeNumber();

    [GeneratedRegex(@"\d\s?%|\b(percent|per\s+cent|percentage)\b|\b(half|third|quarter|majority|most|all|none|tenth)\b\s+of\b|\b\d+\s+(out\s+of|in)\s+\d+\b|\b(" + NumberWords + @")\s+(out\s+of|in)\s+(ten|\d+)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentageFigure();

    [GeneratedRegex(@"\b(1[89]\d\d|20\d\d)\b|\b'\d\d\b|\b(january|february|march|april|june|july|august|september|october|november|december)\b|\b(\d+|a|one|" + NumberWords + @"|few|couple\s+of)\s+(years?|months?|decades?)\s+ago\b|\b(last|this|next)\s+(year|month|spring|summer|autumn|fall|winter)\b|\bin\s+(high\s+school|university|college|the\s+(eighties|nineties|\d0s))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateFigure();

    [GeneratedRegex(@"\b(\d[\d,.]*|a|an|one|" + NumberWords + @"|few|couple(\s+of)?|several|many|some)\s+(more\s+)?(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|quarters?|sprints?|semesters?)\b|\b(a\s+year|a\s+month|a\s+week|a\s+day|overnight|half\s+a\s+year)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationFigure();

    // What money an amount question is about: a sentence about the team's cloud bill does not say how much
    // the company raised.
    private static readonly string[][] MoneyFamilies =
    [
        ["raise", "raised", "raising", "funding", "funded", "fundraising", "investor", "investors", "investment", "invested", "round", "seed", "series", "valuation", "valued", "vc"],
        ["salary", "salaries", "paid", "pay", "pays", "earn", "earned", "earns", "earning", "compensation", "income", "wage", "wages", "rate", "make", "makes", "made", "making"],
        ["revenue", "revenues", "sales", "sold", "sell", "arr", "mrr", "profit", "turnover", "customers"],
        ["cost", "costs", "costed", "bill", "bills", "spend", "spent", "spending", "price", "priced", "pricing", "budget", "budgets", "charge", "charged", "fee", "fees", "expensive", "cheap"],
    ];

    /// <summary>
    /// For an amount question, the words of the kind of money it asks about (raising, pay, revenue,
    /// costs); a sentence must use one of them. Empty when the question names no kind, or asks no amount.
    /// </summary>
    public static IReadOnlyList<string> MoneyWordsOf(string question)
    {
        if (Of(question) != FigureKind.Amount) return [];
        var words = QuoteLocator.Normalize(question).Split(' ');
        return MoneyFamilies.Where(f => f.Any(words.Contains)).SelectMany(f => f).Distinct().ToArray();
    }

    /// <summary>Whether <paramref name="text"/> states a figure of the <paramref name="kind"/> the question asks for.</summary>
    public static bool States(string text, FigureKind kind) => kind switch
    {
        FigureKind.None => true,
        FigureKind.Count => AnyNumber().IsMatch(text),
        FigureKind.Amount => MoneyFigure().IsMatch(text) || (LargeNumber().IsMatch(text) && MoneyWord().IsMatch(text)),
        FigureKind.Percentage => PercentageFigure().IsMatch(text),
        FigureKind.Date => DateFigure().IsMatch(text),
        FigureKind.Duration => DurationFigure().IsMatch(text),
        _ => true,
    };
}
