using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Dataverse.InMemory.Metadata
{
    /// <summary>
    /// Reads the one-to-many relationships of the solution builder's metadata.json:
    /// <c>{"relationships":[{"schemaName","referencedEntity","referencingEntity","referencingAttribute","cascadeDelete"}]}</c>.
    /// The array is optional; a malformed entry throws <see cref="FormatException"/> naming it.
    /// </summary>
    public static class RelationshipJsonReader
    {
        public static IReadOnlyList<OneToManyRelationship> Read(string json)
        {
            using var document = JsonDocument.Parse(json);
            var result = new List<OneToManyRelationship>();
            if (!document.RootElement.TryGetProperty("relationships", out var array)) return result;
            if (array.ValueKind != JsonValueKind.Array) throw new FormatException("metadata.json: \"relationships\" is not an array.");
            foreach (var element in array.EnumerateArray())
            {
                var name = Required(element, "schemaName", "a relationship");
                var cascade = Required(element, "cascadeDelete", name);
                result.Add(new OneToManyRelationship(name, Required(element, "referencedEntity", name), Required(element, "referencingEntity", name), Required(element, "referencingAttribute", name))
                {
                    OnDelete = Enum.TryParse<DeleteCascade>(cascade, ignoreCase: false, out var onDelete)
                        ? onDelete
                        : throw new FormatException($"metadata.json: relationship '{name}' has unknown cascadeDelete '{cascade}' (Cascade, RemoveLink or Restrict)."),
                });
            }
            return result;
        }

        private static string Required(JsonElement element, string property, string owner) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new FormatException($"metadata.json: {owner} has no \"{property}\".");
    }
}
