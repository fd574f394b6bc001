using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    public class CollectionTests
    {
        [Fact]
        public void ParameterCollection_indexer_on_a_missing_parameter_throws_KeyNotFoundException()
        {
            ParameterCollection parameters = new ParameterCollection();

            Assert.Throws<KeyNotFoundException>(() => parameters["Target"]);
        }

        [Fact]
        public void ParameterCollection_lookups_find_what_was_added()
        {
            Entity target = new Entity("contact");
            ParameterCollection parameters = new ParameterCollection { { "Target", target } };
            parameters["cat_PageSize"] = 500;

            Assert.True(parameters.Contains("Target"));
            Assert.True(parameters.ContainsKey("cat_PageSize"));
            Assert.False(parameters.Contains("target"));
            Assert.Same(target, parameters["Target"]);
            Assert.True(parameters.TryGetValue("cat_PageSize", out object? pageSize));
            Assert.Equal(500, pageSize);
            Assert.False(parameters.TryGetValue("cat_PagingCookie", out object? cookie));
            Assert.Null(cookie);
            Assert.Equal(2, parameters.Count);
            Assert.Equal(new[] { "Target", "cat_PageSize" }, parameters.Keys.OrderBy(key => key, StringComparer.Ordinal));
        }

        [Fact]
        public void ParameterCollection_Add_of_an_existing_key_throws_but_the_indexer_replaces()
        {
            ParameterCollection parameters = new ParameterCollection { { "Depth", 1 } };

            Assert.Throws<ArgumentException>(() => parameters.Add("Depth", 2));
            parameters["Depth"] = 2;
            Assert.Equal(2, parameters["Depth"]);
        }

        [Fact]
        public void AttributeCollection_supports_pairs_removal_and_clear()
        {
            AttributeCollection attributes = new AttributeCollection();
            attributes.Add(new KeyValuePair<string, object>("firstname", "Ada"));
            attributes.AddRange(new KeyValuePair<string, object>("lastname", "Lovelace"), new KeyValuePair<string, object>("numberofchildren", 3));

            Assert.True(attributes.Contains(new KeyValuePair<string, object>("firstname", "Ada")));
            Assert.False(attributes.Contains(new KeyValuePair<string, object>("firstname", "Grace")));
            Assert.True(attributes.Remove("lastname"));
            Assert.False(attributes.Remove("lastname"));
            Assert.Equal(2, attributes.Count);

            KeyValuePair<string, object>[] copy = new KeyValuePair<string, object>[2];
            attributes.CopyTo(copy, 0);
            Assert.Contains(new KeyValuePair<string, object>("numberofchildren", 3), copy);

            attributes.Clear();
            Assert.Empty(attributes);
        }

        [Fact]
        public void EntityImageCollection_looks_images_up_by_alias()
        {
            Entity preImage = new Entity("contact");
            EntityImageCollection images = new EntityImageCollection { { "PreImage", preImage } };

            Assert.Same(preImage, images["PreImage"]);
            Assert.False(images.Contains("PostImage"));
            Assert.Throws<KeyNotFoundException>(() => images["PostImage"]);
        }

        [Fact]
        public void DataCollection_adds_ranges_ignoring_null_and_converts_to_an_array()
        {
            ColumnSet columns = new ColumnSet();
            columns.Columns.AddRange("firstname", "lastname");
            columns.Columns.AddRange((IEnumerable<string>)new List<string> { "emailaddress1" });
            columns.Columns.AddRange((string[])null!);

            Assert.Equal(new[] { "firstname", "lastname", "emailaddress1" }, columns.Columns.ToArray());
        }

        [Fact]
        public void EntityCollection_copies_the_given_list_and_indexes_its_records()
        {
            List<Entity> records = new List<Entity> { new Entity("contact"), new Entity("contact") };
            EntityCollection collection = new EntityCollection(records);
            records.Add(new Entity("contact"));

            Assert.Equal(2, collection.Entities.Count);
            Assert.Same(records[1], collection[1]);
            Assert.False(collection.MoreRecords);
            Assert.Null(collection.PagingCookie);
        }

        [Fact]
        public void RelatedEntityCollection_is_keyed_by_relationship_value()
        {
            Entity account = new Entity("account");
            account.RelatedEntities[new Relationship("contact_customer_accounts")] = new EntityCollection { EntityName = "contact" };

            Assert.True(account.RelatedEntities.Contains(new Relationship("contact_customer_accounts")));
            Assert.False(account.RelatedEntities.IsReadOnly);
        }
    }
}
