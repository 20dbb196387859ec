using System;
using System.Runtime.InteropServices;

namespace EdgeMesh.Security
{
    /// <summary>
    /// Secret key memory from <c>sodium_malloc</c> (guard pages, locked against swapping). Released
    /// with <c>sodium_free</c>, which zeroes it first, so disposing a key wipes it.
    /// </summary>
    internal sealed class SecureMemoryHandle : SafeHandle
    {
        /// <summary>Used by the interop marshaller for <c>sodium_malloc</c>'s return value.</summary>
        public SecureMemoryHandle()
            : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        /// <summary>Bytes allocated.</summary>
        internal int Length { get; private set; }

        /// <inheritdoc />
        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>Allocates <paramref name="length"/> bytes of guarded memory.</summary>
        internal static SecureMemoryHandle Allocate(int length)
        {
            Sodium.EnsureInitialized();
            SecureMemoryHandle memory = Interop.Sodium.Malloc((nuint)length);
            if (memory.IsInvalid)
            {
                memory.Dispose();
                throw new InsufficientMemoryException("sodium_malloc could not allocate secret key memory (locked-memory limit?)");
            }

            memory.Length = length;
            return memory;
        }

        /// <summary>The memory as a span; only valid while the handle is alive and referenced.</summary>
        internal unsafe Span<byte> DangerousGetSpan()
        {
            return new Span<byte>((void*)handle, Length);
        }

        /// <inheritdoc />
        protected override bool ReleaseHandle()
        {
            Interop.Sodium.Free(handle);
            return true;
        }
    }
}
