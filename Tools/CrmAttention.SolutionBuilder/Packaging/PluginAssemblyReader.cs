using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace CrmAttention.SolutionBuilder.Packaging
{
    public sealed record PluginImageInfo(int ImageType, string Alias, IReadOnlyList<string> Attributes, string? MessagePropertyName, string? PrimaryEntity);

    public sealed record PluginStepInfo(
        string Message,
        string? PrimaryEntity,
        int Stage,
        int Mode,
        int Rank,
        IReadOnlyList<string> FilteringAttributes,
        string? UnsecureConfiguration,
        string? Description,
        bool DeleteAsyncOperationOnSuccess,
        string HandlerMethod,
        IReadOnlyList<PluginImageInfo> Images);

    public sealed record PluginTypeInfo(
        string FullName,
        bool HasParameterlessConstructor,
        bool HasConfigurationConstructor,
        IReadOnlyList<PluginStepInfo> Steps)
    {
        /// <summary>Dataverse instantiates a plugin with () or (unsecure, secure configuration).</summary>
        public bool IsInstantiable => HasParameterlessConstructor || HasConfigurationConstructor;
    }

    public sealed record PluginAssemblyInfo(string Name, Version Version, string Culture, string PublicKeyToken, IReadOnlyList<PluginTypeInfo> Types)
    {
        /// <summary>Dataverse registers only strong-named plugin assemblies.</summary>
        public bool IsStrongNamed => PublicKeyToken != "null";

        public string FullName => $"{Name}, Version={Version}, Culture={Culture}, PublicKeyToken={PublicKeyToken}";

        public PluginTypeInfo? Type(string fullName) => Types.FirstOrDefault(t => t.FullName == fullName);
    }

    /// <summary>
    /// Reads the net462 plugin assembly through System.Reflection.Metadata without loading it (a .NET Framework
    /// assembly referencing the SDK cannot be loaded into this process, and loading would run its code).
    /// Plugin types are the public non-abstract classes implementing Microsoft.Xrm.Sdk.IPlugin, directly or
    /// through a base class in the same assembly; steps and images come from the registration attributes on
    /// their methods, decoded from the attribute blobs by name.
    /// </summary>
    public static class PluginAssemblyReader
    {
        public const string StepAttribute = "CrmAttention.Plugins.Registration.PluginStepAttribute";
        public const string ImageAttribute = "CrmAttention.Plugins.Registration.PluginImageAttribute";
        private const string PluginInterface = "Microsoft.Xrm.Sdk.IPlugin";

        public static PluginAssemblyInfo Read(string path)
        {
            if (!File.Exists(path))
                throw new PackagingException($"The plugin assembly {path} does not exist. Build it first: dotnet build Plugins/CrmAttention.Plugins -c <configuration>.");
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) throw new PackagingException($"{path} is not a .NET assembly.");
            var md = pe.GetMetadataReader();
            var def = md.GetAssemblyDefinition();
            var publicKey = md.GetBlobBytes(def.PublicKey);
            var culture = md.GetString(def.Culture);
            var types = new List<PluginTypeInfo>();
            foreach (var handle in md.TypeDefinitions)
            {
                var type = md.GetTypeDefinition(handle);
                var attributes = type.Attributes;
                if ((attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public) continue;
                if ((attributes & (TypeAttributes.Abstract | TypeAttributes.Interface)) != 0) continue;
                if (!ImplementsPlugin(md, handle)) continue;
                types.Add(ReadType(md, type));
            }
            return new PluginAssemblyInfo(
                md.GetString(def.Name),
                def.Version,
                culture.Length == 0 ? "neutral" : culture,
                publicKey.Length == 0 ? "null" : PublicKeyToken(publicKey),
                types.OrderBy(t => t.FullName, StringComparer.Ordinal).ToList());
        }

        /// <summary>The last eight bytes of the SHA-1 of the public key, reversed: how .NET shows a key token.</summary>
        public static string PublicKeyToken(byte[] publicKey)
        {
            var hash = SHA1.HashData(publicKey);
            var token = hash.Skip(hash.Length - 8).Reverse().ToArray();
            return Convert.ToHexString(token).ToLowerInvariant();
        }

        private static PluginTypeInfo ReadType(MetadataReader md, TypeDefinition type)
        {
            var fullName = FullName(md, type);
            var parameterless = false;
            var configuration = false;
            var steps = new List<PluginStepInfo>();
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                var name = md.GetString(method.Name);
                var signature = method.DecodeSignature(new SignatureNames(), null);
                if (name == ".ctor" && (method.Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public)
                {
                    if (signature.ParameterTypes.Length == 0) parameterless = true;
                    if (signature.ParameterTypes.SequenceEqual(new[] { "System.String", "System.String" })) configuration = true;
                }
                var stepAttributes = new List<CustomAttributeValue<AttributeArgType>>();
                var imageAttributes = new List<CustomAttributeValue<AttributeArgType>>();
                foreach (var attributeHandle in method.GetCustomAttributes())
                {
                    var attribute = md.GetCustomAttribute(attributeHandle);
                    var attributeType = AttributeTypeName(md, attribute);
                    if (attributeType == StepAttribute) stepAttributes.Add(attribute.DecodeValue(new AttributeTypes(md)));
                    else if (attributeType == ImageAttribute) imageAttributes.Add(attribute.DecodeValue(new AttributeTypes(md)));
                }
                var images = imageAttributes.Select(ToImage).ToList();
                foreach (var step in stepAttributes) steps.Add(ToStep(step, fullName + "." + name, images));
            }
            return new PluginTypeInfo(fullName, parameterless, configuration, steps);
        }

        private static PluginStepInfo ToStep(CustomAttributeValue<AttributeArgType> value, string handler, List<PluginImageInfo> images)
        {
            var named = value.NamedArguments.ToDictionary(a => a.Name ?? "", a => a.Value, StringComparer.Ordinal);
            var primaryEntity = named.TryGetValue("PrimaryEntity", out var pe) ? (string?)pe : null;
            return new PluginStepInfo(
                Message: named.TryGetValue("Message", out var message) ? (string?)message ?? "" : "",
                PrimaryEntity: primaryEntity,
                Stage: named.TryGetValue("Stage", out var stage) ? Convert.ToInt32(stage, System.Globalization.CultureInfo.InvariantCulture) : 40,
                Mode: named.TryGetValue("Mode", out var mode) ? Convert.ToInt32(mode, System.Globalization.CultureInfo.InvariantCulture) : 0,
                Rank: named.TryGetValue("Rank", out var rank) ? Convert.ToInt32(rank, System.Globalization.CultureInfo.InvariantCulture) : 1,
                FilteringAttributes: named.TryGetValue("FilteringAttributes", out var filtering) ? Strings(filtering) : Array.Empty<string>(),
                UnsecureConfiguration: named.TryGetValue("UnsecureConfiguration", out var config) ? (string?)config : null,
                Description: named.TryGetValue("Description", out var description) ? (string?)description : null,
                DeleteAsyncOperationOnSuccess: !named.TryGetValue("DeleteAsyncOperationOnSuccess", out var delete) || (bool)delete!,
                HandlerMethod: handler,
                Images: images.Where(i => i.PrimaryEntity == null || i.PrimaryEntity == primaryEntity).ToList());
        }

        private static PluginImageInfo ToImage(CustomAttributeValue<AttributeArgType> value)
        {
            var named = value.NamedArguments.ToDictionary(a => a.Name ?? "", a => a.Value, StringComparer.Ordinal);
            return new PluginImageInfo(
                ImageType: named.TryGetValue("ImageType", out var type) ? Convert.ToInt32(type, System.Globalization.CultureInfo.InvariantCulture) : 0,
                Alias: named.TryGetValue("Alias", out var alias) ? (string?)alias ?? "" : "",
                Attributes: named.TryGetValue("Attributes", out var attributes) ? Strings(attributes) : Array.Empty<string>(),
                MessagePropertyName: named.TryGetValue("MessagePropertyName", out var property) ? (string?)property : null,
                PrimaryEntity: named.TryGetValue("PrimaryEntity", out var entity) ? (string?)entity : null);
        }

        /// <summary>A string[] named argument decodes to an array of typed arguments (null for a null array).</summary>
        private static IReadOnlyList<string> Strings(object? value) =>
            value is ImmutableArray<CustomAttributeTypedArgument<AttributeArgType>> items
                ? items.Select(i => (string?)i.Value ?? "").ToList()
                : Array.Empty<string>();

        private static bool ImplementsPlugin(MetadataReader md, TypeDefinitionHandle handle)
        {
            var seen = new HashSet<TypeDefinitionHandle>();
            TypeDefinitionHandle? current = handle;
            while (current is TypeDefinitionHandle h && seen.Add(h))
            {
                var type = md.GetTypeDefinition(h);
                foreach (var implementation in type.GetInterfaceImplementations())
                {
                    if (TypeName(md, md.GetInterfaceImplementation(implementation).Interface) == PluginInterface) return true;
                }
                current = type.BaseType.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)type.BaseType : null;
            }
            return false;
        }

        private static string AttributeTypeName(MetadataReader md, CustomAttribute attribute)
        {
            switch (attribute.Constructor.Kind)
            {
                case HandleKind.MethodDefinition:
                    var method = md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor);
                    return FullName(md, md.GetTypeDefinition(method.GetDeclaringType()));
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                    return TypeName(md, member.Parent);
                default:
                    return "";
            }
        }

        internal static string TypeName(MetadataReader md, EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return FullName(md, md.GetTypeDefinition((TypeDefinitionHandle)handle));
                case HandleKind.TypeReference:
                    var reference = md.GetTypeReference((TypeReferenceHandle)handle);
                    var ns = md.GetString(reference.Namespace);
                    var name = md.GetString(reference.Name);
                    if (reference.ResolutionScope.Kind == HandleKind.TypeReference) return TypeName(md, (TypeReferenceHandle)reference.ResolutionScope) + "+" + name;
                    return ns.Length == 0 ? name : ns + "." + name;
                default:
                    return "";
            }
        }

        internal static string FullName(MetadataReader md, TypeDefinition type)
        {
            var name = md.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil) return FullName(md, md.GetTypeDefinition(declaring)) + "+" + name;
            var ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>Method signatures decoded to type names, enough to recognise the two plugin constructors.</summary>
        private sealed class SignatureNames : ISignatureTypeProvider<string, object?>
        {
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => FullName(reader, reader.GetTypeDefinition(handle));

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(reader, handle);

            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[*]";

            public string GetByReferenceType(string elementType) => elementType + "&";

            public string GetPointerType(string elementType) => elementType + "*";

            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";

            public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

            public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

            public string GetFunctionPointerType(MethodSignature<string> signature) => "method*";

            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

            public string GetPinnedType(string elementType) => elementType;

            public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => "spec";
        }
    }

    /// <summary>A type as it appears in an attribute blob: a primitive, an enum (by name) or a one-dimensional array.</summary>
    public sealed record AttributeArgType(string Name, PrimitiveTypeCode? Primitive, AttributeArgType? Element);

    /// <summary>
    /// Decodes attribute blob types. Enum named arguments are serialized with the enum's type name; their
    /// underlying type is read from the enum's value__ field when the enum is defined in the assembly itself.
    /// </summary>
    internal sealed class AttributeTypes : ICustomAttributeTypeProvider<AttributeArgType>
    {
        private readonly MetadataReader _md;

        public AttributeTypes(MetadataReader md)
        {
            _md = md;
        }

        public AttributeArgType GetPrimitiveType(PrimitiveTypeCode typeCode) => new AttributeArgType("System." + typeCode, typeCode, null);

        public AttributeArgType GetSystemType() => new AttributeArgType("System.Type", null, null);

        public AttributeArgType GetSZArrayType(AttributeArgType elementType) => new AttributeArgType(elementType.Name + "[]", null, elementType);

        public AttributeArgType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            new AttributeArgType(PluginAssemblyReader.FullName(reader, reader.GetTypeDefinition(handle)), null, null);

        public AttributeArgType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            new AttributeArgType(PluginAssemblyReader.TypeName(reader, handle), null, null);

        public AttributeArgType GetTypeFromSerializedName(string name) => new AttributeArgType(name.Split(',')[0].Trim(), null, null);

        public PrimitiveTypeCode GetUnderlyingEnumType(AttributeArgType type)
        {
            foreach (var handle in _md.TypeDefinitions)
            {
                var definition = _md.GetTypeDefinition(handle);
                if (PluginAssemblyReader.FullName(_md, definition) != type.Name) continue;
                foreach (var fieldHandle in definition.GetFields())
                {
                    var field = _md.GetFieldDefinition(fieldHandle);
                    if (_md.GetString(field.Name) != "value__") continue;
                    var underlying = field.DecodeSignature(new AttributeFieldTypes(), null);
                    return underlying;
                }
            }
            // The registration enums (PluginStage, PluginMode, PluginImageType) are int-based; an assembly that
            // declares steps with them but does not define them itself (a test fixture) still decodes.
            if (type.Name.StartsWith("CrmAttention.Plugins.Registration.", StringComparison.Ordinal)) return PrimitiveTypeCode.Int32;
            throw new PackagingException($"The registration attribute uses the enum {type.Name}, which is not defined in the plugin assembly; only its own enums can be decoded.");
        }

        public bool IsSystemType(AttributeArgType type) => type.Name == "System.Type";

        private sealed class AttributeFieldTypes : ISignatureTypeProvider<PrimitiveTypeCode, object?>
        {
            public PrimitiveTypeCode GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode;

            public PrimitiveTypeCode GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => throw Unsupported();

            public PrimitiveTypeCode GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => throw Unsupported();

            public PrimitiveTypeCode GetSZArrayType(PrimitiveTypeCode elementType) => throw Unsupported();

            public PrimitiveTypeCode GetArrayType(PrimitiveTypeCode elementType, ArrayShape shape) => throw Unsupported();

            public PrimitiveTypeCode GetByReferenceType(PrimitiveTypeCode elementType) => throw Unsupported();

            public PrimitiveTypeCode GetPointerType(PrimitiveTypeCode elementType) => throw Unsupported();

            public PrimitiveTypeCode GetGenericInstantiation(PrimitiveTypeCode genericType, ImmutableArray<PrimitiveTypeCode> typeArguments) => throw Unsupported();

            public PrimitiveTypeCode GetGenericMethodParameter(object? genericContext, int index) => throw Unsupported();

            public PrimitiveTypeCode GetGenericTypeParameter(object? genericContext, int index) => throw Unsupported();

            public PrimitiveTypeCode GetFunctionPointerType(MethodSignature<PrimitiveTypeCode> signature) => throw Unsupported();

            public PrimitiveTypeCode GetModifiedType(PrimitiveTypeCode modifier, PrimitiveTypeCode unmodifiedType, bool isRequired) => unmodifiedType;

            public PrimitiveTypeCode GetPinnedType(PrimitiveTypeCode elementType) => elementType;

            public PrimitiveTypeCode GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => throw Unsupported();

            private static PackagingException Unsupported() => new PackagingException("An enum's value__ field is not a primitive type.");
        }
    }
}
