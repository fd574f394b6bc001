using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Tests.Api
{
    /// <summary>Describes a loaded type in the baseline's notation (C# keywords, short type names, T? for Nullable).</summary>
    internal static class ApiReflection
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static readonly Dictionary<Type, string> Keywords = new Dictionary<Type, string>
        {
            [typeof(void)] = "void",
            [typeof(object)] = "object",
            [typeof(string)] = "string",
            [typeof(bool)] = "bool",
            [typeof(byte)] = "byte",
            [typeof(sbyte)] = "sbyte",
            [typeof(char)] = "char",
            [typeof(short)] = "short",
            [typeof(ushort)] = "ushort",
            [typeof(int)] = "int",
            [typeof(uint)] = "uint",
            [typeof(long)] = "long",
            [typeof(ulong)] = "ulong",
            [typeof(float)] = "float",
            [typeof(double)] = "double",
            [typeof(decimal)] = "decimal",
        };

        internal static ApiType Describe(Type type)
        {
            ApiType api = new ApiType(type.FullName ?? type.Name)
            {
                Kind = Kind(type),
                BaseType = BaseType(type),
                Contract = Contract(type),
            };
            foreach (Type implemented in type.GetInterfaces())
            {
                api.Interfaces.Add(Name(implemented));
            }

            if (type.IsEnum)
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    api.EnumValues.Add(field.Name, Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture));
                }

                return api;
            }

            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                string? signature = Signature(member);
                if (signature != null)
                {
                    api.Members.Add(signature);
                }
            }

            return api;
        }

        internal static string Name(Type type)
        {
            Type? element = type.GetElementType();
            if ((type.IsByRef || type.IsPointer) && element != null)
            {
                return Name(element);
            }

            if (type.IsArray && element != null)
            {
                return Name(element) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
            }

            if (type.IsGenericParameter)
            {
                return type.Name;
            }

            Type? underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null)
            {
                return Name(underlying) + "?";
            }

            if (Keywords.TryGetValue(type, out string? keyword))
            {
                return keyword;
            }

            if (type.IsGenericType)
            {
                string name = type.Name.Substring(0, type.Name.IndexOf('`'));
                return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
            }

            return type.Name;
        }

        private static string Kind(Type type)
        {
            if (type.IsInterface)
            {
                return "interface";
            }

            if (type.IsEnum)
            {
                return "enum";
            }

            if (type.IsValueType)
            {
                return "struct";
            }

            if (type.IsAbstract && type.IsSealed)
            {
                return "static class";
            }

            return type.IsSealed ? "sealed class" : type.IsAbstract ? "abstract class" : "class";
        }

        private static string? BaseType(Type type)
        {
            Type? baseType = type.BaseType;
            if (baseType == null || baseType == typeof(object) || baseType == typeof(Enum) || baseType == typeof(ValueType))
            {
                return null;
            }

            return Name(baseType);
        }

        private static string? Contract(Type type)
        {
            CollectionDataContractAttribute? collection = type.GetCustomAttribute<CollectionDataContractAttribute>(inherit: false);
            if (collection != null)
            {
                return "CollectionDataContract(" + ContractArguments(collection.IsNameSetExplicitly ? collection.Name : null, collection.Namespace) + ")";
            }

            DataContractAttribute? contract = type.GetCustomAttribute<DataContractAttribute>(inherit: false);
            if (contract != null)
            {
                return "DataContract(" + ContractArguments(contract.IsNameSetExplicitly ? contract.Name : null, contract.Namespace) + ")";
            }

            return null;
        }

        private static string ContractArguments(string? name, string? contractNamespace)
        {
            List<string> arguments = new List<string>();
            if (name != null)
            {
                arguments.Add("Name=" + name);
            }

            if (contractNamespace != null)
            {
                arguments.Add("Namespace=" + contractNamespace);
            }

            return string.Join(", ", arguments);
        }

        /// <summary>The member's baseline line, or null when it is not visible outside the assembly.</summary>
        private static string? Signature(MemberInfo member)
        {
            switch (member)
            {
                case ConstructorInfo constructor when Visible(constructor) && !constructor.IsStatic:
                    return "ctor(" + Parameters(constructor.GetParameters()) + ")";
                case MethodInfo method when Visible(method) && !method.IsSpecialName:
                    string generic = method.IsGenericMethodDefinition
                        ? "<" + string.Join(", ", method.GetGenericArguments().Select(Name)) + ">"
                        : string.Empty;
                    return Static(method.IsStatic) + Name(method.ReturnType) + " " + method.Name + generic + "(" + Parameters(method.GetParameters()) + ")";
                case PropertyInfo property:
                    return Property(property);
                case FieldInfo field when Visible(field):
                    return "field " + Static(field.IsStatic) + Name(field.FieldType) + " " + field.Name;
                case EventInfo evt when evt.AddMethod != null && Visible(evt.AddMethod) && evt.EventHandlerType != null:
                    return "event " + Static(evt.AddMethod.IsStatic) + Name(evt.EventHandlerType) + " " + evt.Name;
                default:
                    return null;
            }
        }

        private static string? Property(PropertyInfo property)
        {
            MethodInfo? getter = property.GetMethod != null && Visible(property.GetMethod) ? property.GetMethod : null;
            MethodInfo? setter = property.SetMethod != null && Visible(property.SetMethod) ? property.SetMethod : null;
            if (getter == null && setter == null)
            {
                return null;
            }

            ParameterInfo[] index = property.GetIndexParameters();
            string name = index.Length == 0 ? property.Name : "this[" + Parameters(index) + "]";
            string accessors = (getter != null ? " get;" : string.Empty) + (setter != null ? " set;" : string.Empty);
            bool isStatic = getter?.IsStatic ?? setter?.IsStatic ?? false;
            return Static(isStatic) + Name(property.PropertyType) + " " + name + " {" + accessors + " }";
        }

        private static string Parameters(ParameterInfo[] parameters)
        {
            return string.Join(", ", parameters.Select(parameter =>
            {
                string prefix = parameter.IsDefined(typeof(ParamArrayAttribute), false) ? "params "
                    : parameter.IsOut ? "out "
                    : parameter.ParameterType.IsByRef ? "ref "
                    : string.Empty;
                return prefix + Name(parameter.ParameterType) + " " + parameter.Name;
            }));
        }

        private static string Static(bool isStatic) => isStatic ? "static " : string.Empty;

        private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

        private static bool Visible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;
    }
}
