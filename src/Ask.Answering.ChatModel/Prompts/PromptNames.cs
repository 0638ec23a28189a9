namespace Ask.Answering.ChatModel.Prompts;

/// <summary>The prompt files the answer model and the fact judge use, by name and version.</summary>
public static class PromptNames
{
    public const string Answer = "answer";
    public const int AnswerVersion = 2;
    public const string Rewrite = "rewrite";
    public const int RewriteVersion = 1;
    public const string Judge = "judge";
    public const int JudgeVersion = 1;
}
