namespace EdgeMesh.Protocol.Wire
{
    /// <summary>
    /// A node's 64-bit wire identity (the first 8 bytes of a hash of its public key; the derivation
    /// lives with the identity code). Printed as 16 lower-case hex digits.
    /// </summary>
    public readonly struct NodeId
    {
        /// <summary>Creates an id from its 64-bit value.</summary>
        public NodeId(ulong value)
        {
            Value = value;
        }

        /// <summary>The id as carried big-endian on the wire.</summary>
        public ulong Value { get; }

        /// <summary>True for the all-zero id, which no node may use.</summary>
        public bool IsEmpty
        {
            get { return Value == 0; }
        }

        /// <summary>16 lower-case hex digits.</summary>
        public override string ToString()
        {
            return Hex.FormatUInt64(Value);
        }

        /// <summary>Value equality.</summary>
        public override bool Equals(object? obj)
        {
            return obj is NodeId other && other.Value == Value;
        }

        /// <summary>Hash of the value.</summary>
        public override int GetHashCode()
        {
            return Value.GetHashCode();
        }

        /// <summary>Value equality.</summary>
        public static bool operator ==(NodeId left, NodeId right)
        {
            return left.Value == right.Value;
        }

        /// <summary>Value inequality.</summary>
        public static bool operator !=(NodeId left, NodeId right)
        {
            return left.Value != right.Value;
        }
    }
}
