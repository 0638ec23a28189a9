namespace Ask.Adapters.SemanticKernel.Answering;

/// <summary>How the provider ended a completion (<c>finish_reason</c>), reduced to what Ask acts on.</summary>
internal enum CompletionEnd
{
    Stop,
    /// <summary><c>length</c>: cut at the output token limit.</summary>
    Length,
    /// <summary><c>content_filter</c>, or the request itself refused with a 400 <c>content_filter</c>.</summary>
    ContentFilter,
    /// <summary>Tool calls or a value this adapter does not know.</summary>
    Other,
}
