using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>Walks a method body's IL and yields every metadata token operand, plus stackalloc sites.</summary>
    internal static class IlScanner
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = BuildOpCodeTable();

        /// <summary>One interesting instruction: a token operand, or <c>localloc</c> (Token is default then).</summary>
        internal readonly record struct IlReference(string OpCodeName, EntityHandle Token, bool IsLocalloc);

        internal static List<IlReference> Scan(MethodBodyBlock body)
        {
            var found = new List<IlReference>();
            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                int offset = il.Offset;
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il.ReadByte());
                }

                if (!OpCodesByValue.TryGetValue(value, out OpCode opCode))
                {
                    throw new BadImageFormatException("unknown IL opcode 0x" + value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " at IL_" + offset.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }

                if (value == OpCodes.Localloc.Value)
                {
                    found.Add(new IlReference(opCode.Name!, default, true));
                }

                switch (opCode.OperandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineType:
                    case OperandType.InlineTok:
                    case OperandType.InlineSig:
                        int token = il.ReadInt32();
                        found.Add(new IlReference(opCode.Name!, MetadataTokens.EntityHandle(token), false));
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    default:
                        il.Offset += OperandSize(opCode.OperandType);
                        break;
                }
            }

            return found;
        }

        private static int OperandSize(OperandType operand)
        {
            switch (operand)
            {
                case OperandType.InlineNone:
                    return 0;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    return 1;
                case OperandType.InlineVar:
                    return 2;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    return 8;
                default:
                    return 4; // InlineBrTarget, InlineI, InlineString, ShortInlineR
            }
        }

        private static Dictionary<short, OpCode> BuildOpCodeTable()
        {
            var table = new Dictionary<short, OpCode>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.GetValue(null) is OpCode op)
                {
                    table[op.Value] = op;
                }
            }

            return table;
        }
    }
}
