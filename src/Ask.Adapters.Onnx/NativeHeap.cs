using System.Runtime.InteropServices;

namespace Ask.Adapters.Onnx;

/// <summary>
/// Tunes the C library's allocator, which ONNX Runtime allocates through once its own arena is off
/// (<see cref="OnnxEmbeddingOptions.MemoryArena"/>).
/// </summary>
/// <remarks>
/// glibc serves blocks under its mmap threshold from per-thread heaps, raises that threshold each time a
/// large block is freed, and gives memory in the middle of a heap back only when the heap's top is free.
/// An ingest runs inferences on ever-changing thread-pool threads, each freeing tens of MB of activations:
/// measured on ten episodes, resident memory crept from 400 MB to 1.1 GB while one batch needed about
/// 100 MB. With a fixed threshold every large block is its own mapping, returned when freed, and two heaps
/// are enough for inferences running side by side; the same ingest stayed between 400 and 620 MB.
/// Elsewhere (macOS, Windows, musl) the call does not exist and nothing changes.
/// </remarks>
internal static class NativeHeap
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD
    private const int ArenaMaxOption = -8; // M_ARENA_MAX

    /// <summary>Blocks from this size on are mapped and unmapped one by one: 256 KiB, far above a query's tensors.</summary>
    internal const int MmapThreshold = 256 * 1024;

    private static int _done;

    /// <summary>Applies the settings once per process; later calls do nothing.</summary>
    public static void ReturnLargeBlocksToTheSystem()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0) TryApply();
    }

    /// <summary>True when the C library took both settings.</summary>
    internal static bool TryApply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Mallopt(MmapThresholdOption, MmapThreshold) == 1 & Mallopt(ArenaMaxOption, 2) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int option, int value);
}
