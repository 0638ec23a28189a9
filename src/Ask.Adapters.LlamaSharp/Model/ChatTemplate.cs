using System.Text;
using LLama;
using LLama.Exceptions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.LlamaSharp.Model;

/// <summary>
/// Turns chat messages into the text the model was trained on, using the template in the model's own
/// metadata (<c>tokenizer.chat_template</c>, applied by llama.cpp). A model without one, or with one
/// llama.cpp does not recognise, gets ChatML (<c>&lt;|im_start|&gt;role ... &lt;|im_end|&gt;</c>), the format
/// most instruction-tuned GGUF models understand.
/// </summary>
internal sealed class ChatTemplate
{
    public const string Fallback = "chatml";

    private readonly LLamaWeights _weights;
    private readonly string? _custom;
    private readonly string[] _specialTexts;

    private ChatTemplate(LLamaWeights weights, string? custom, string description)
    {
        _weights = weights;
        _custom = custom;
        Description = description;
        _specialTexts = SpecialTexts(weights);
    }

    /// <summary>"model" or "chatml (fallback: ...)" — for the startup log.</summary>
    public string Description { get; }

    public static ChatTemplate For(LLamaWeights weights, ILogger logger)
    {
        if (!weights.Metadata.ContainsKey("tokenizer.chat_template"))
            return new ChatTemplate(weights, Fallback, "chatml (fallback: the model has no tokenizer.chat_template)");
        var model = new ChatTemplate(weights, null, "the model's tokenizer.chat_template");
        try
        {
            model.Render([new ChatMessage(ChatRole.System, "s"), new ChatMessage(ChatRole.User, "u")]);
            return model;
        }
        catch (Exception ex) when (ex is MissingTemplateException or TemplateNotFoundException)
        {
            Log.TemplateFallback(logger, ex.Message);
            return new ChatTemplate(weights, Fallback, "chatml (fallback: llama.cpp does not recognise the model's template)");
        }
    }

    /// <summary>The prompt for <paramref name="messages"/>, ending where the assistant's reply begins.</summary>
    public string Render(IEnumerable<ChatMessage> messages)
    {
        var template = _custom is null ? new LLamaTemplate(_weights) : new LLamaTemplate(_custom);
        template.AddAssistant = true;
        foreach (var message in messages)
            template.Add(message.Role.Value, Neutralise(message.Text));
        return Encoding.UTF8.GetString(template.Apply());
    }

    /// <summary>
    /// The prompt is tokenized with special tokens parsed (the template's markers must be), so text that
    /// spells one — a transcript saying "&lt;|im_end|&gt;" — would close the message early (instructions inside transcripts). A space
    /// after its first character keeps the words and loses the power.
    /// </summary>
    private string Neutralise(string text)
    {
        foreach (var special in _specialTexts)
            if (text.Contains(special, StringComparison.Ordinal)) text = text.Replace(special, special[..1] + " " + special[1..], StringComparison.Ordinal);
        return text;
    }

    private static string[] SpecialTexts(LLamaWeights weights)
    {
        var vocab = weights.Vocab;
        var texts = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 0; id < vocab.Count; id++)
        {
            var token = (LLama.Native.LLamaToken)id;
            if (!token.IsControl(vocab)) continue;
            var text = vocab.LLamaTokenToString(token, isSpecialToken: true);
            if (text is { Length: > 1 }) texts.Add(text);
        }
        return texts.ToArray();
    }
}
