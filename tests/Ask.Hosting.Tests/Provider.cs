namespace Ask.Hosting.Tests;

/// <summary>The answer providers: none (extractive), an OpenAI-compatible endpoint, a GGUF model inside the process.</summary>
public enum Provider { None, OpenAI, Local }
