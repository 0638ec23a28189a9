using System.Text;

namespace Ask.Testing.Models;

/// <summary>
/// Writes a GGUF v3 file: header, metadata key/values, tensor infos, then the F32 tensor data, each
/// tensor aligned to <see cref="Alignment"/> bytes (ggml's docs/gguf.md). Only the value types a llama
/// model needs are supported.
/// </summary>
public sealed class GgufWriter
{
    public const int Alignment = 32;

    private const uint TypeUInt32 = 4, TypeInt32 = 5, TypeFloat32 = 6, TypeString = 8, TypeArray = 9;
    private const uint TensorF32 = 0;

    private readonly List<(string Key, Action<BinaryWriter> Write)> _metadata = [];
    private readonly List<(string Name, long[] Shape, float[] Data)> _tensors = [];

    public GgufWriter UInt32(string key, uint value) => Add(key, w => { w.Write(TypeUInt32); w.Write(value); });

    public GgufWriter Float32(string key, float value) => Add(key, w => { w.Write(TypeFloat32); w.Write(value); });

    public GgufWriter String(string key, string value) => Add(key, w => { w.Write(TypeString); WriteString(w, value); });

    public GgufWriter Strings(string key, IReadOnlyList<string> values) => Add(key, w =>
    {
        w.Write(TypeArray); w.Write(TypeString); w.Write((ulong)values.Count);
        foreach (var value in values) WriteString(w, value);
    });

    public GgufWriter Floats(string key, IReadOnlyList<float> values) => Add(key, w =>
    {
        w.Write(TypeArray); w.Write(TypeFloat32); w.Write((ulong)values.Count);
        foreach (var value in values) w.Write(value);
    });

    public GgufWriter Int32s(string key, IReadOnlyList<int> values) => Add(key, w =>
    {
        w.Write(TypeArray); w.Write(TypeInt32); w.Write((ulong)values.Count);
        foreach (var value in values) w.Write(value);
    });

    /// <param name="shape">ggml order: the first dimension is the one that varies fastest (ne0).</param>
    public GgufWriter Tensor(string name, long[] shape, float[] data)
    {
        if (shape.Aggregate(1L, (a, b) => a * b) != data.Length)
            throw new ArgumentException($"Tensor {name}: shape [{string.Join(",", shape)}] does not hold {data.Length} values.");
        _tensors.Add((name, shape, data));
        return this;
    }

    public void WriteTo(string path)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var (key, write) in _metadata)
        {
            WriteString(w, key);
            write(w);
        }

        ulong offset = 0;
        foreach (var (name, shape, data) in _tensors)
        {
            WriteString(w, name);
            w.Write((uint)shape.Length);
            foreach (var dim in shape) w.Write((ulong)dim);
            w.Write(TensorF32);
            w.Write(offset);
            offset = Align((ulong)data.Length * sizeof(float) + offset);
        }
        Pad(w);
        foreach (var (_, _, data) in _tensors)
        {
            foreach (var value in data) w.Write(value);
            Pad(w);
        }
    }

    private GgufWriter Add(string key, Action<BinaryWriter> write)
    {
        _metadata.Add((key, write));
        return this;
    }

    private static void WriteString(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static ulong Align(ulong position) => (position + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var position = (ulong)w.BaseStream.Position;
        for (var i = position; i < Align(position); i++) w.Write((byte)0);
    }
}
