using System.Collections.Generic;
using System.Reflection.Metadata;

namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// What the .NET compiler and SDK put into the assembly that the nanoFramework build would write
    /// differently or not at all (docs/portability.md, "Decisions"): each case is recognised narrowly here.
    /// </summary>
    internal sealed partial class SubsetWalker
    {
        /// <summary>
        /// True for the add/remove accessors the compiler writes for a field-like event. On .NET they
        /// loop on Interlocked.CompareExchange&lt;T&gt;; where that generic method is missing, as in
        /// nanoFramework mscorlib, Roslyn writes a plain Delegate.Combine/Remove assignment instead, so
        /// the generic call in the .NET build is no portability problem.
        /// </summary>
        private bool IsGeneratedEventAccessor(MethodDefinitionHandle handle)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            string name = md.GetString(method.Name);
            if (!name.StartsWith("add_", StringComparison.Ordinal) && !name.StartsWith("remove_", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (CustomAttributeHandle attribute in method.GetCustomAttributes())
            {
                EntityHandle constructor = md.GetCustomAttribute(attribute).Constructor;
                if (constructor.Kind == HandleKind.MemberReference
                    && MethodName(constructor) == "System.Runtime.CompilerServices.CompilerGeneratedAttribute..ctor")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The compiler stores array initializer data (<c>new byte[] { 1, 2, 3 }</c>) in explicit-layout,
        /// size-only structs <c>&lt;PrivateImplementationDetails&gt;+__StaticArrayInitTypeSize=N</c> and
        /// copies it with RuntimeHelpers.InitializeArray. nanoFramework's metadata processor handles these
        /// field-RVA blobs and its mscorlib has InitializeArray (System/Runtime/CompilerServices/RuntimeHelpers.cs),
        /// so this one use of explicit layout is portable.
        /// </summary>
        private bool IsArrayInitializerBlob(TypeDefinition type)
        {
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            return !declaring.IsNil
                && md.GetString(md.GetTypeDefinition(declaring).Name) == "<PrivateImplementationDetails>"
                && md.GetString(type.Name).StartsWith("__StaticArrayInitTypeSize=", StringComparison.Ordinal);
        }

        /// <summary>
        /// Declarative security: for unsafe code the compiler writes
        /// <c>[assembly: SecurityPermission(SecurityAction.RequestMinimum, SkipVerification = true)]</c> as a
        /// permission set whose attribute types are serialized by name, with TypeRefs that no token uses.
        /// </summary>
        private void CheckDeclarativeSecurity(DeclarativeSecurityAttributeHandle handle)
        {
            DeclarativeSecurityAttribute security = md.GetDeclarativeSecurityAttribute(handle);
            (string type, string? member) = LocationOf(security.Parent);
            At(type, member, security.Parent.Kind == HandleKind.AssemblyDefinition ? Usage.AssemblyAttribute : Usage.CustomAttribute);
            var names = new List<string> { "System.Security.Permissions.SecurityAction" };
            BlobReader blob = md.GetBlobReader(security.PermissionSet);
            if (blob.Length > 0 && blob.ReadByte() == '.')
            {
                int count = blob.ReadCompressedInteger();
                for (int i = 0; i < count; i++)
                {
                    string? serialized = blob.ReadSerializedString();
                    names.Add(serialized == null ? "?" : serialized.Split(',')[0]);
                    int propertiesLength = blob.ReadCompressedInteger();
                    blob.Offset += propertiesLength;
                }
            }

            foreach (string name in names)
            {
                CheckExternalType(name);
            }

            // The compiler also leaves the TypeRefs and the attribute's constructor MemberRef behind.
            foreach (MemberReferenceHandle reference in md.MemberReferences)
            {
                EntityHandle parent = md.GetMemberReference(reference).Parent;
                if (parent.Kind == HandleKind.TypeReference && names.Contains(TypeRefName((TypeReferenceHandle)parent)))
                {
                    visited.Add(reference);
                }
            }

            foreach (TypeReferenceHandle reference in md.TypeReferences)
            {
                if (names.Contains(TypeRefName(reference)))
                {
                    visited.Add(reference);
                }
            }
        }

        private bool IsStringConcatLowering(MemberReference member, string name)
        {
            if (member.GetKind() != MemberReferenceKind.Method
                || (member.Parent.Kind != HandleKind.TypeReference && member.Parent.Kind != HandleKind.TypeSpecification))
            {
                return false;
            }

            return SubsetPolicy.IsStringConcatLowering(MemberParentName(member), MemberKey(name, Quietly(() => member.DecodeMethodSignature(this, null))));
        }
    }
}
