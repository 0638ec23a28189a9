using System.Text;
using Ask.Testing.Models;
using LLama;
using LLama.Native;

namespace Ask.Adapters.LlamaSharp.Tests.Support;

/// <summary>
/// Asks llama.cpp's own grammar engine whether a text is a sentence of a GBNF grammar: byte by byte, the
/// tiny model's byte token must survive the grammar sampler, and at the end the end-of-text token must.
/// </summary>
internal static class GrammarMatcher
{
    public static bool Accepts(LLamaWeights weights, string gbnf, string text)
    {
        using var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddGrammar(weights.NativeHandle, gbnf, "root");
        var vocabulary = weights.Vocab.Count;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var token = (LLamaToken)(TinyLlamaModel.FirstByte + b);
            if (!Allowed(chain, vocabulary, token)) return false;
            chain.Accept(token);
        }
        return Allowed(chain, vocabulary, (LLamaToken)TinyLlamaModel.End);
    }

    private static bool Allowed(SafeLLamaSamplerChainHandle chain, int vocabulary, LLamaToken token)
    {
        var candidates = LLamaTokenDataArray.Create(new float[vocabulary]);
        using (LLamaTokenDataArrayNative.Create(candidates, out var native))
        {
            chain.Apply(ref native);
        }
        foreach (var data in candidates.Data.Span)
            if (data.ID == token) return !float.IsNegativeInfinity(data.Logit);
        return false;
    }
}
