using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// One pass over an assembly's metadata and IL. It walks the assembly's own definitions so that
    /// every finding carries the type and member where it occurs, then sweeps the reference tables for
    /// anything the walk did not reach (reported at <c>&lt;module&gt;</c>).
    /// </summary>
    internal sealed partial class SubsetWalker
    {
        private readonly PEReader pe;
        private readonly MetadataReader md;
        private readonly NanoFrameworkApi api;
        private readonly List<PortabilityViolation> violations = new();
        private readonly HashSet<PortabilityViolation> seen = new();
        private readonly HashSet<EntityHandle> visited = new();
        private bool inGeneratedEventAccessor;
        private string currentType = "<module>";
        private string? currentMember;
        private Usage usage = Usage.Code;

        internal SubsetWalker(PEReader pe, NanoFrameworkApi api)
        {
            this.pe = pe;
            this.api = api;
            md = pe.GetMetadataReader();
        }

        /// <summary>How the reference being checked is used: attribute types may be compile-time only.</summary>
        private enum Usage
        {
            Code,
            CustomAttribute,
            AssemblyAttribute,
        }

        private enum TypeVerdict
        {
            Violation,
            CheckMembers,
            Accepted,
        }

        internal IReadOnlyList<PortabilityViolation> Run()
        {
            foreach (TypeDefinitionHandle type in md.TypeDefinitions)
            {
                CheckTypeDefinition(type);
            }

            foreach (CustomAttributeHandle attribute in md.CustomAttributes)
            {
                CheckCustomAttribute(attribute);
            }

            foreach (DeclarativeSecurityAttributeHandle security in md.DeclarativeSecurityAttributes)
            {
                CheckDeclarativeSecurity(security);
            }

            SweepUnvisitedReferences();
            return violations;
        }

        private void CheckTypeDefinition(TypeDefinitionHandle handle)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            At(TypeDefName(handle), null, Usage.Code);
            if (type.GetGenericParameters().Count > 0)
            {
                Report(PortabilityRule.GenericTypeDefinition, currentType, "generic type definition: nanoFramework 1.x has no generics");
            }

            if ((type.Attributes & TypeAttributes.LayoutMask) == TypeAttributes.ExplicitLayout && !IsArrayInitializerBlob(type))
            {
                Report(PortabilityRule.ExplicitLayout, currentType, "explicit struct layout ([StructLayout(LayoutKind.Explicit)]/[FieldOffset]): not supported by nanoFramework");
            }

            CheckHandle(type.BaseType);
            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                CheckHandle(md.GetInterfaceImplementation(implementation).Interface);
            }

            foreach (MethodImplementationHandle implementation in type.GetMethodImplementations())
            {
                MethodImplementation mi = md.GetMethodImplementation(implementation);
                CheckHandle(mi.MethodBody);
                CheckHandle(mi.MethodDeclaration);
            }

            string typeName = currentType;
            foreach (FieldDefinitionHandle field in type.GetFields())
            {
                FieldDefinition definition = md.GetFieldDefinition(field);
                At(typeName, md.GetString(definition.Name), Usage.Code);
                definition.DecodeSignature(this, null);
            }

            foreach (MethodDefinitionHandle method in type.GetMethods())
            {
                At(typeName, MethodDisplayName(method), Usage.Code);
                inGeneratedEventAccessor = IsGeneratedEventAccessor(method);
                CheckMethodDefinition(method);
                inGeneratedEventAccessor = false;
            }

            foreach (PropertyDefinitionHandle property in type.GetProperties())
            {
                PropertyDefinition definition = md.GetPropertyDefinition(property);
                At(typeName, md.GetString(definition.Name), Usage.Code);
                definition.DecodeSignature(this, null);
            }

            foreach (EventDefinitionHandle evt in type.GetEvents())
            {
                EventDefinition definition = md.GetEventDefinition(evt);
                At(typeName, md.GetString(definition.Name), Usage.Code);
                CheckHandle(definition.Type);
            }
        }

        private void CheckMethodDefinition(MethodDefinitionHandle handle)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            method.DecodeSignature(this, null);
            if (method.GetGenericParameters().Count > 0)
            {
                Report(PortabilityRule.GenericMethodDefinition, currentType + "." + currentMember, "generic method definition: nanoFramework 1.x has no generics");
            }

            if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
            {
                Report(PortabilityRule.UnsupportedConstruct, "P/Invoke " + md.GetString(md.GetModuleReference(method.GetImport().Module).Name), "P/Invoke ([DllImport]): nanoFramework has no P/Invoke (native code is an interop library)");
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return;
            }

            MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                visited.Add(body.LocalSignature);
                md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                CheckHandle(region.CatchType);
            }

            foreach (IlScanner.IlReference reference in IlScanner.Scan(body))
            {
                if (reference.IsLocalloc)
                {
                    Report(PortabilityRule.UnsupportedConstruct, "stackalloc (localloc)", "stackalloc: the conventions forbid it (it needs spans or pointers into the stack) and nanoFramework's interpreter has no localloc");
                }
                else
                {
                    CheckHandle(reference.Token);
                }
            }
        }

        private void CheckCustomAttribute(CustomAttributeHandle handle)
        {
            CustomAttribute attribute = md.GetCustomAttribute(handle);
            (string type, string? member) = LocationOf(attribute.Parent);
            At(type, member, attribute.Parent.Kind == HandleKind.AssemblyDefinition ? Usage.AssemblyAttribute : Usage.CustomAttribute);
            CheckHandle(attribute.Constructor);
        }

        /// <summary>Checks any handle met in a signature, IL operand or table; definitions are local and pass.</summary>
        private void CheckHandle(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    var typeRef = (TypeReferenceHandle)handle;
                    string name = TypeRefName(typeRef);
                    if (name.Contains('`', StringComparison.Ordinal) && IsExternal(typeRef))
                    {
                        // An open generic type (typeof(List<>)); instantiations are reported where they are decoded.
                        Report(PortabilityRule.GenericInstantiation, name, "open generic type: nanoFramework 1.x has no generics");
                    }

                    CheckTypeReference(typeRef);
                    break;
                case HandleKind.TypeSpecification:
                    visited.Add(handle);
                    md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    CheckMemberReference((MemberReferenceHandle)handle);
                    break;
                case HandleKind.MethodSpecification:
                    CheckMethodSpecification((MethodSpecificationHandle)handle);
                    break;
                case HandleKind.StandaloneSignature:
                    visited.Add(handle);
                    StandaloneSignature signature = md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (signature.GetKind() == StandaloneSignatureKind.Method)
                    {
                        signature.DecodeMethodSignature(this, null);
                        Report(PortabilityRule.UnsupportedConstruct, "calli", "indirect call through a function pointer: not supported by nanoFramework");
                    }

                    break;
            }
        }

        private TypeVerdict CheckTypeReference(TypeReferenceHandle handle)
        {
            visited.Add(handle);
            return IsExternal(handle) ? CheckExternalType(TypeRefName(handle)) : TypeVerdict.Accepted;
        }

        /// <summary>Checks an external type by name, in order: forbidden, convention, attribute exceptions, allowlist.</summary>
        private TypeVerdict CheckExternalType(string name)
        {
            string? reason = SubsetPolicy.ForbiddenTypeReason(name);
            if (reason != null)
            {
                Report(PortabilityRule.ForbiddenApi, name, reason);
                return TypeVerdict.Violation;
            }

            reason = SubsetPolicy.ConventionTypeReason(name);
            if (reason != null)
            {
                Report(PortabilityRule.ProjectConvention, name, reason);
                return TypeVerdict.Violation;
            }

            if (name.Contains('`', StringComparison.Ordinal))
            {
                return TypeVerdict.Violation; // generic: reported as GenericInstantiation where instantiated
            }

            if ((usage != Usage.Code && SubsetPolicy.IsCompilerSynthesizedAttribute(name))
                || (usage == Usage.AssemblyAttribute && SubsetPolicy.IsSdkAssemblyAttribute(name)))
            {
                return TypeVerdict.Accepted;
            }

            NanoType? nano = api.FindType(name);
            if (nano == null)
            {
                string? library = SubsetPolicy.ElsewhereIn(name);
                Report(PortabilityRule.NotInNanoFramework, name, library == null
                    ? "not in nanoFramework 1.x mscorlib"
                    : "not in nanoFramework 1.x mscorlib; it ships in " + library + ", which the portable core does not reference");
                return TypeVerdict.Violation;
            }

            if (nano.CompileTimeOnly && usage == Usage.Code)
            {
                Report(PortabilityRule.NotInNanoFramework, name, "[ExcludeType] in nanoFramework mscorlib (" + nano.SourceFile + "): stripped from the device image, usable only as an attribute");
                return TypeVerdict.Violation;
            }

            return TypeVerdict.CheckMembers;
        }

        private void CheckMemberReference(MemberReferenceHandle handle)
        {
            visited.Add(handle);
            MemberReference member = md.GetMemberReference(handle);
            string name = md.GetString(member.Name);
            if (usage == Usage.Code && IsStringConcatLowering(member, name))
            {
                visited.Add(member.Parent);
                return;
            }

            TypeVerdict verdict = TypeVerdict.Accepted;
            string? parentName = null;
            switch (member.Parent.Kind)
            {
                case HandleKind.TypeReference:
                    verdict = CheckTypeReference((TypeReferenceHandle)member.Parent);
                    parentName = TypeRefName((TypeReferenceHandle)member.Parent);
                    break;
                case HandleKind.TypeSpecification:
                case HandleKind.TypeDefinition:
                    CheckHandle(member.Parent);
                    break;
            }

            if (verdict == TypeVerdict.Violation)
            {
                // The type is already reported; its members' signatures would only repeat it.
                _ = member.GetKind() == MemberReferenceKind.Method
                    ? Quietly(() => member.DecodeMethodSignature(this, null).ReturnType)
                    : Quietly(() => member.DecodeFieldSignature(this, null));
                return;
            }

            MethodSignature<string>? signature = null;
            if (member.GetKind() == MemberReferenceKind.Method)
            {
                signature = member.DecodeMethodSignature(this, null);
            }
            else
            {
                member.DecodeFieldSignature(this, null);
            }

            if (verdict != TypeVerdict.CheckMembers || parentName == null)
            {
                return;
            }

            string? reason = SubsetPolicy.ForbiddenMemberReason(parentName, name);
            if (reason != null)
            {
                Report(PortabilityRule.ForbiddenApi, parentName + "." + name, reason);
                return;
            }

            reason = SubsetPolicy.ConventionMemberReason(parentName, name);
            if (reason != null)
            {
                Report(PortabilityRule.ProjectConvention, parentName + "." + name, reason);
                return;
            }

            string key = MemberKey(name, signature);
            if (!api.HasMember(parentName, key))
            {
                Report(PortabilityRule.NotInNanoFramework, string.Concat(parentName, ".", key.AsSpan(2)), "nanoFramework 1.x mscorlib's " + parentName + " has no such member" + Hint(api.MembersNamed(parentName, name)));
            }
        }

        private void CheckMethodSpecification(MethodSpecificationHandle handle)
        {
            visited.Add(handle);
            MethodSpecification specification = md.GetMethodSpecification(handle);
            if (inGeneratedEventAccessor && MethodName(specification.Method) == "System.Threading.Interlocked.CompareExchange")
            {
                visited.Add(specification.Method);
                _ = Quietly(() => specification.DecodeSignature(this, null));
                return;
            }

            string arguments = string.Join(",", specification.DecodeSignature(this, null));
            Report(PortabilityRule.GenericInstantiation, MethodName(specification.Method) + "<" + arguments + ">", "generic method instantiation: nanoFramework 1.x has no generics");
            CheckHandle(specification.Method);
        }

        /// <summary>Anything in the reference tables that no definition led to (should be rare).</summary>
        private void SweepUnvisitedReferences()
        {
            At("<module>", null, Usage.Code);
            IEnumerable<EntityHandle> references = md.TypeReferences.Select(h => (EntityHandle)h)
                .Concat(md.MemberReferences.Select(h => (EntityHandle)h))
                .Concat(Rows(TableIndex.TypeSpec).Select(row => (EntityHandle)MetadataTokens.TypeSpecificationHandle(row)))
                .Concat(Rows(TableIndex.MethodSpec).Select(row => (EntityHandle)MetadataTokens.MethodSpecificationHandle(row)));
            foreach (EntityHandle handle in references.ToList())
            {
                if (!visited.Contains(handle))
                {
                    CheckHandle(handle);
                }
            }
        }

        private IEnumerable<int> Rows(TableIndex table)
        {
            return Enumerable.Range(1, md.GetTableRowCount(table));
        }

        private void At(string type, string? member, Usage use)
        {
            currentType = type;
            currentMember = member;
            usage = use;
        }

        private void Report(PortabilityRule rule, string subject, string reason)
        {
            var violation = new PortabilityViolation(rule, currentType, currentMember, subject, reason);
            if (seen.Add(violation))
            {
                violations.Add(violation);
            }
        }
    }
}
