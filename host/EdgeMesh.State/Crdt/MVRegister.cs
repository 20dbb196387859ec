using System;
using System.Collections.Generic;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// A multi-value register: a write replaces every value it has seen; writes made without
    /// seeing each other are all kept and shown (<see cref="Values"/> has more than one) until a
    /// later write that has seen them resolves the conflict.
    /// </summary>
    public sealed class MVRegister : IDeltaCrdt<MVRegister>
    {
        private static readonly PayloadReader<byte[]> ReadValue = (ref StateReader r, out byte[] v) => r.ReadBytes(StateLimits.MaxValueBytes, out v);
        private readonly DotKernel<byte[]> _kernel;

        private MVRegister(DotKernel<byte[]> kernel)
        {
            _kernel = kernel;
        }

        /// <inheritdoc />
        public bool IsEmpty => _kernel.IsEmpty;

        /// <summary>The current values in dot order: one normally, several after concurrent writes, none before the first write.</summary>
        public IReadOnlyList<byte[]> Values => new List<byte[]>(_kernel.Entries.Values);

        /// <summary>Writes <paramref name="value"/> as a new event of <paramref name="node"/>; returns the delta.</summary>
        public MVRegister Write(ulong node, byte[] value)
        {
            ArgumentNullException.ThrowIfNull(value);
            var delta = new MVRegister(DotKernel<byte[]>.Write(_kernel.Context.Next(node), (byte[])value.Clone(), new List<Dot>(_kernel.Entries.Keys)));
            MergeFrom(delta);
            return delta;
        }

        /// <summary>Clears every value seen here; returns the delta.</summary>
        public MVRegister Clear()
        {
            var delta = new MVRegister(DotKernel<byte[]>.Remove(new List<Dot>(_kernel.Entries.Keys)));
            MergeFrom(delta);
            return delta;
        }

        /// <inheritdoc />
        public bool MergeFrom(MVRegister other)
        {
            return _kernel.MergeFrom(other._kernel);
        }

        /// <inheritdoc />
        public MVRegister Clone()
        {
            return new MVRegister(_kernel.Clone(v => v));
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.MVRegister);
            _kernel.WriteTo(writer, (w, v) => w.WriteBytes(v));
        }

        /// <inheritdoc />
        public static MVRegister CreateEmpty()
        {
            return new MVRegister(new DotKernel<byte[]>());
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out MVRegister? value)
        {
            value = null;
            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.MVRegister);
            DotKernel<byte[]>? kernel = null;
            if (error == StateError.None)
            {
                error = DotKernel<byte[]>.TryRead(ref reader, ReadValue, out kernel);
            }

            if (error == StateError.None)
            {
                value = new MVRegister(kernel!);
            }

            return error;
        }
    }
}
