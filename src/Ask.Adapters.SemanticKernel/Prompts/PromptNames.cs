namespace Ask.Adapters.SemanticKernel.Prompts;

/// <summary>The prompt files this adapter uses, by name and version.</summary>
internal static class PromptNames
{
    public const string Answer = "answer";
    public const int AnswerVersion = 2;
    public const string Rewrite = "rewrite";
    public const int RewriteVersion = 1;
    public const string Judge = "judge";
    public const int JudgeVersion = 1;
}
