using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel.Tests.Support;

internal sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);
