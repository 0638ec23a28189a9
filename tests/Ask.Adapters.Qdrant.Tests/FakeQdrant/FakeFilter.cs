using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

/// <summary>
/// Qdrant filter semantics for the conditions the adapter sends (keyword/integer match, match-any, has-id,
/// is-empty, nested filters). Anything else is refused, so the fake never silently passes a filter it ignores.
/// </summary>
internal static class FakeFilter
{
    public static bool Matches(Filter? filter, PointStruct point)
    {
        if (filter is null) return true;
        if (!filter.Must.All(c => Matches(c, point))) return false;
        if (filter.MustNot.Any(c => Matches(c, point))) return false;
        if (filter.Should.Count > 0 && !filter.Should.Any(c => Matches(c, point))) return false;
        return true;
    }

    /// <summary>Strict mode: every filtered payload field needs an index ("Index required but not found").</summary>
    public static void RequireIndexes(Filter? filter, FakeCollection collection)
    {
        if (filter is null) return;
        foreach (var condition in filter.Must.Concat(filter.MustNot).Concat(filter.Should))
        {
            if (condition.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Field && !collection.PayloadIndexes.ContainsKey(condition.Field.Key))
                throw FakeQdrantService.Invalid($"Bad request: Index required but not found for \"{condition.Field.Key}\" of one of the following types: [keyword, integer]. Help: Create an index for this key.");
            if (condition.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.IsEmpty && !collection.PayloadIndexes.ContainsKey(condition.IsEmpty.Key))
                throw FakeQdrantService.Invalid($"Bad request: Index required but not found for \"{condition.IsEmpty.Key}\". Help: Create an index for this key.");
            if (condition.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Filter) RequireIndexes(condition.Filter, collection);
        }
    }

    private static bool Matches(Condition condition, PointStruct point) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, point),
        Condition.ConditionOneOfOneofCase.HasId => condition.HasId.HasId.Any(id => SameId(id, point.Id)),
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, point),
        // Qdrant: a field that is missing, null or an empty list is empty.
        Condition.ConditionOneOfOneofCase.IsEmpty => !point.Payload.TryGetValue(condition.IsEmpty.Key, out var value)
            || value.KindCase == Value.KindOneofCase.NullValue
            || (value.KindCase == Value.KindOneofCase.ListValue && value.ListValue.Values.Count == 0),
        _ => throw FakeQdrantService.Invalid($"The fake Qdrant does not support {condition.ConditionOneOfCase} conditions."),
    };

    private static bool SameId(PointId a, PointId b) =>
        a.PointIdOptionsCase == b.PointIdOptionsCase
        && (a.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Num ? a.Num == b.Num : string.Equals(a.Uuid, b.Uuid, StringComparison.OrdinalIgnoreCase));

    private static bool Matches(FieldCondition field, PointStruct point)
    {
        if (field.Match is null) throw FakeQdrantService.Invalid($"The fake Qdrant supports only match conditions (field {field.Key}).");
        if (!point.Payload.TryGetValue(field.Key, out var value)) return false;
        // Qdrant matches an array field when any element matches.
        if (value.KindCase != Value.KindOneofCase.ListValue) return Matches(field.Match, value);
        foreach (var element in value.ListValue.Values)
        {
            if (Matches(field.Match, element)) return true;
        }
        return false;
    }

    private static bool Matches(Match match, Value value) => match.MatchValueCase switch
    {
        Match.MatchValueOneofCase.Keyword => value.KindCase == Value.KindOneofCase.StringValue && value.StringValue == match.Keyword,
        Match.MatchValueOneofCase.Keywords => value.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(value.StringValue),
        Match.MatchValueOneofCase.Integer => value.KindCase == Value.KindOneofCase.IntegerValue && value.IntegerValue == match.Integer,
        Match.MatchValueOneofCase.Integers => value.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(value.IntegerValue),
        _ => throw FakeQdrantService.Invalid($"The fake Qdrant does not support {match.MatchValueCase} matches."),
    };
}
