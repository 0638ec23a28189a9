using System.Text.Json;

namespace Ask.Adapters.Transcripts.Json;

/// <summary>One element of a JSON file's <c>segments</c> or <c>chapters</c> array, with the file line it starts on.</summary>
internal sealed record JsonItem(JsonElement Value, int Line, int Index);
