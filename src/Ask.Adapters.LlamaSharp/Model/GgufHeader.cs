using System.Text;
using Ask.Core;

namespace Ask.Adapters.LlamaSharp.Model;

/// <summary>
/// The start of a GGUF file, read before llama.cpp sees it: llama.cpp reports a wrong or damaged file
/// only in its log and a null handle, so the checks that can be made here give a message that says why.
/// </summary>
internal sealed record GgufHeader(uint Version, ulong TensorCount, string? Architecture)
{
    private const int MaxStringBytes = 1 << 20;

    /// <exception cref="AskException">Not a GGUF file, an unsupported version, or cut short; the message names the file.</exception>
    public static GgufHeader Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var magic = reader.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual("GGUF"u8))
                throw new AskException($"Llm:ModelPath '{path}' is not a GGUF model file (it starts with {Describe(magic)}, not 'GGUF'). Convert the model to GGUF or download a .gguf build of it.");
            var version = reader.ReadUInt32();
            if (version is not (2 or 3))
                throw new AskException($"Llm:ModelPath '{path}' is GGUF version {version}; this build reads versions 2 and 3.");
            var tensors = reader.ReadUInt64();
            var count = reader.ReadUInt64();
            for (ulong i = 0; i < count; i++)
            {
                var key = ReadString(reader);
                var type = reader.ReadUInt32();
                if (key == "general.architecture" && type == 8)
                    return new GgufHeader(version, tensors, ReadString(reader));
                Skip(reader, type, depth: 0);
            }
            return new GgufHeader(version, tensors, null);
        }
        catch (EndOfStreamException ex)
        {
            throw new AskException($"Llm:ModelPath '{path}' is cut short: its GGUF header ends early. The download or copy is incomplete.", innerException: ex);
        }
        catch (InvalidDataException ex)
        {
            throw new AskException($"Llm:ModelPath '{path}' has a damaged GGUF header: {ex.Message}", innerException: ex);
        }
        catch (IOException ex)
        {
            throw new AskException($"Llm:ModelPath '{path}' cannot be read: {ex.Message}", innerException: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AskException($"Llm:ModelPath '{path}' cannot be read: {ex.Message}", innerException: ex);
        }
    }

    private static string ReadString(BinaryReader reader)
    {
        var length = reader.ReadUInt64();
        if (length > MaxStringBytes) throw new InvalidDataException($"a {length}-byte string");
        var bytes = reader.ReadBytes((int)length);
        if (bytes.Length != (int)length) throw new EndOfStreamException();
        return Encoding.UTF8.GetString(bytes);
    }

    private static void Skip(BinaryReader reader, uint type, int depth)
    {
        switch (type)
        {
            case 0 or 1 or 7: reader.ReadByte(); break;
            case 2 or 3: reader.ReadUInt16(); break;
            case 4 or 5 or 6: reader.ReadUInt32(); break;
            case 10 or 11 or 12: reader.ReadUInt64(); break;
            case 8: ReadString(reader); break;
            case 9 when depth == 0:
                var itemType = reader.ReadUInt32();
                var count = reader.ReadUInt64();
                if (count > 100_000_000) throw new InvalidDataException($"an array of {count} values");
                for (ulong i = 0; i < count; i++) Skip(reader, itemType, depth + 1);
                break;
            default: throw new InvalidDataException($"unknown metadata value type {type}");
        }
    }

    private static string Describe(byte[] magic) =>
        magic.Length == 0 ? "nothing (the file is empty)" : "0x" + Convert.ToHexString(magic);
}
