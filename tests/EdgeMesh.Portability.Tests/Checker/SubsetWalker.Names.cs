using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// Signature decoding for <see cref="SubsetWalker"/>: turns signatures into display names
    /// (<c>System.Byte[]</c>, <c>Outer+Inner</c>, <c>System.Span`1&lt;System.Byte&gt;</c>) and, while
    /// <see cref="reporting"/> is on, checks every type a signature mentions.
    /// </summary>
    internal sealed partial class SubsetWalker : ISignatureTypeProvider<string, object?>
    {
        private bool reporting = true;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode)
        {
            string name = "System." + typeCode;
            if (reporting)
            {
                // UIntPtr and TypedReference exist in nanoFramework mscorlib only as [ExcludeType].
                CheckExternalType(name);
            }

            return name;
        }

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            return TypeDefName(handle);
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            visited.Add(handle); // reached by the walk, even when decoded quietly (see CheckMemberReference)
            if (reporting)
            {
                CheckTypeReference(handle);
            }

            return TypeRefName(handle);
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            visited.Add(handle);
            return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }

        public string GetSZArrayType(string elementType)
        {
            return elementType + "[]";
        }

        public string GetArrayType(string elementType, ArrayShape shape)
        {
            return elementType + "[" + new string(',', shape.Rank - 1) + "]";
        }

        public string GetByReferenceType(string elementType)
        {
            return elementType + "&";
        }

        public string GetPointerType(string elementType)
        {
            return elementType + "*";
        }

        public string GetPinnedType(string elementType)
        {
            return elementType;
        }

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            string name = genericType + "<" + string.Join(",", typeArguments) + ">";
            if (reporting)
            {
                Report(PortabilityRule.GenericInstantiation, name, "generic instantiation: nanoFramework 1.x has no generics");
            }

            return name;
        }

        public string GetGenericTypeParameter(object? genericContext, int index)
        {
            return "!" + index;
        }

        public string GetGenericMethodParameter(object? genericContext, int index)
        {
            return "!!" + index;
        }

        public string GetFunctionPointerType(MethodSignature<string> signature)
        {
            string name = "delegate*<" + string.Join(",", signature.ParameterTypes.Append(signature.ReturnType)) + ">";
            if (reporting)
            {
                Report(PortabilityRule.UnsupportedConstruct, name, "function pointer: nanoFramework cannot call through one");
            }

            return name;
        }

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
        {
            // The modifier's type (IsExternalInit, IsVolatile, InAttribute, ...) was checked when decoded.
            return unmodifiedType;
        }

        /// <summary>Full name of a type of the checked assembly, nested types as <c>Outer+Inner</c>.</summary>
        private string TypeDefName(TypeDefinitionHandle handle)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            string name = md.GetString(type.Name);
            TypeDefinitionHandle declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return TypeDefName(declaring) + "+" + name;
            }

            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>Full name of a referenced type, nested types as <c>Outer+Inner</c>.</summary>
        private string TypeRefName(TypeReferenceHandle handle)
        {
            TypeReference type = md.GetTypeReference(handle);
            string name = md.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeRefName((TypeReferenceHandle)type.ResolutionScope) + "+" + name;
            }

            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>Declaring type and name of a method handle, for messages.</summary>
        private string MethodName(EntityHandle method)
        {
            if (method.Kind == HandleKind.MethodDefinition)
            {
                var definition = (MethodDefinitionHandle)method;
                return TypeDefName(md.GetMethodDefinition(definition).GetDeclaringType()) + "." + md.GetString(md.GetMethodDefinition(definition).Name);
            }

            MemberReference member = md.GetMemberReference((MemberReferenceHandle)method);
            return MemberParentName(member) + "." + md.GetString(member.Name);
        }

        /// <summary>Display name of a member reference's parent, decoded without reporting.</summary>
        private string MemberParentName(MemberReference member)
        {
            return Quietly(() => member.Parent.Kind switch
            {
                HandleKind.TypeReference => TypeRefName((TypeReferenceHandle)member.Parent),
                HandleKind.TypeDefinition => TypeDefName((TypeDefinitionHandle)member.Parent),
                HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)member.Parent).DecodeSignature(this, null),
                _ => "?",
            });
        }

        /// <summary>True when the reference leaves this module (an assembly or module reference at its root).</summary>
        private bool IsExternal(TypeReferenceHandle handle)
        {
            EntityHandle scope = md.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                visited.Add(scope);
                scope = md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            if (scope.Kind == HandleKind.AssemblyReference)
            {
                // EdgeMesh's own portable assemblies are compiled from shared sources into the same
                // nanoFramework image and checked separately (NanoFrameworkApi.WithPortableAssemblies).
                string assembly = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
                return !api.IsPortableAssembly(assembly);
            }

            return scope.Kind == HandleKind.ModuleReference;
        }

        /// <summary><c>Name(ParameterTypes)</c> of a method of the checked assembly, decoded without reporting.</summary>
        private string MethodDisplayName(MethodDefinitionHandle handle)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            MethodSignature<string> signature = Quietly(() => method.DecodeSignature(this, null));
            string name = md.GetString(method.Name);
            int arity = method.GetGenericParameters().Count;
            return name + (arity > 0 ? "``" + arity : "") + "(" + string.Join(",", signature.ParameterTypes) + ")";
        }

        /// <summary>The allowlist key of a referenced member: <c>M Name(ParamTypes)</c>, <c>:Return</c> for conversions, or <c>F Name</c>.</summary>
        private static string MemberKey(string name, MethodSignature<string>? method)
        {
            if (method is not MethodSignature<string> signature)
            {
                return "F " + name;
            }

            string key = "M " + name + "(" + string.Join(",", signature.ParameterTypes) + ")";
            return name is "op_Implicit" or "op_Explicit" ? key + ":" + signature.ReturnType : key;
        }

        /// <summary>Type and member that own a custom attribute's parent (a parameter's method, a property's type, ...).</summary>
        private (string Type, string? Member) LocationOf(EntityHandle parent)
        {
            switch (parent.Kind)
            {
                case HandleKind.TypeDefinition:
                    return (TypeDefName((TypeDefinitionHandle)parent), null);
                case HandleKind.MethodDefinition:
                    var method = (MethodDefinitionHandle)parent;
                    return (TypeDefName(md.GetMethodDefinition(method).GetDeclaringType()), MethodDisplayName(method));
                case HandleKind.FieldDefinition:
                    FieldDefinition field = md.GetFieldDefinition((FieldDefinitionHandle)parent);
                    return (TypeDefName(field.GetDeclaringType()), md.GetString(field.Name));
                case HandleKind.Parameter:
                    return LocationOf(OwnerOfParameter((ParameterHandle)parent));
                case HandleKind.PropertyDefinition:
                    PropertyDefinition property = md.GetPropertyDefinition((PropertyDefinitionHandle)parent);
                    PropertyAccessors accessors = property.GetAccessors();
                    MethodDefinitionHandle accessor = accessors.Getter.IsNil ? accessors.Setter : accessors.Getter;
                    return (TypeDefName(md.GetMethodDefinition(accessor).GetDeclaringType()), md.GetString(property.Name));
                case HandleKind.EventDefinition:
                    EventDefinition evt = md.GetEventDefinition((EventDefinitionHandle)parent);
                    return (TypeDefName(md.GetMethodDefinition(evt.GetAccessors().Adder).GetDeclaringType()), md.GetString(evt.Name));
                case HandleKind.GenericParameter:
                    return LocationOf(md.GetGenericParameter((GenericParameterHandle)parent).Parent);
                case HandleKind.AssemblyDefinition:
                    return ("<assembly>", null);
                default:
                    return ("<module>", null);
            }
        }

        private MethodDefinitionHandle OwnerOfParameter(ParameterHandle parameter)
        {
            foreach (MethodDefinitionHandle method in md.MethodDefinitions)
            {
                if (md.GetMethodDefinition(method).GetParameters().Contains(parameter))
                {
                    return method;
                }
            }

            throw new BadImageFormatException("parameter without a method");
        }

        private T Quietly<T>(Func<T> decode)
        {
            bool was = reporting;
            reporting = false;
            try
            {
                return decode();
            }
            finally
            {
                reporting = was;
            }
        }

        private static string Hint(IReadOnlyList<string> overloads)
        {
            return overloads.Count == 0 ? "" : "; nanoFramework has " + string.Join(", ", overloads.Distinct());
        }
    }
}
