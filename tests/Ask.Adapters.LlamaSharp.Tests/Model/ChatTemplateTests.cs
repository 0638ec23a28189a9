using Ask.Adapters.LlamaSharp.Tests.Support;
using Ask.Testing.Models;
using Microsoft.Extensions.AI;

namespace Ask.Adapters.LlamaSharp.Tests.Model;

/// <summary>The prompt format comes from the model's own <c>tokenizer.chat_template</c>, with ChatML only as the fallback.</summary>
public sealed class ChatTemplateTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    // Gemma's turn markers: llama.cpp recognises the template by them, and they differ from the ChatML fallback.
    private const string GemmaTemplate =
        "{{ bos_token }}{% for message in messages %}<start_of_turn>{{ message['role'] }}\n{{ message['content'] | trim }}<end_of_turn>\n{% endfor %}" +
        "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}";

    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "Answer from the sources."), new(ChatRole.User, "What about Kubeflow?")];

    private string Write(string name, string? template) =>
        new TinyLlamaModel(ChatTemplate: template).Write(Path.Combine(tiny.Directory, name));

    [Fact]
    public void ModelWithItsOwnTemplate_PromptIsRenderedInThatFormat()
    {
        var loaded = tiny.Load(TinyModelFixture.Options(Write("gemma.gguf", GemmaTemplate))).Loaded;

        var prompt = loaded.Template.Render(Messages);

        Assert.Equal("the model's tokenizer.chat_template", loaded.Template.Description);
        Assert.Contains("<start_of_turn>user", prompt);
        Assert.Contains("What about Kubeflow?", prompt);
        Assert.EndsWith("<start_of_turn>model\n", prompt);
        Assert.DoesNotContain("<|im_start|>", prompt);
    }

    [Fact]
    public void ModelWithoutATemplate_FallsBackToChatMl_AndSaysSo()
    {
        var loaded = tiny.Load(TinyModelFixture.Options(Write("plain.gguf", null))).Loaded;

        var prompt = loaded.Template.Render(Messages);

        Assert.Contains("fallback", loaded.Template.Description);
        Assert.Contains("<|im_start|>user\nWhat about Kubeflow?<|im_end|>", prompt);
        Assert.EndsWith("<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void TemplateLlamaCppDoesNotRecognise_FallsBackToChatMl_AndSaysWhy()
    {
        var loaded = tiny.Load(TinyModelFixture.Options(Write("odd.gguf", "{{ something nobody knows }}"))).Loaded;

        var prompt = loaded.Template.Render(Messages);

        Assert.Contains("does not recognise", loaded.Template.Description);
        Assert.Contains("<|im_start|>system", prompt);
    }
}
