using System;
using System.Collections.Generic;
using Dataverse.InMemory.Metadata;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.InMemory.Tests.Metadata
{
    /// <summary>Delete applies each one-to-many relationship's delete behavior to the rows that point to the deleted row.</summary>
    public sealed class CascadeDeleteTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public CascadeDeleteTests()
        {
            service = dataverse.CreateService();
        }

        private void Relate(DeleteCascade onDelete) =>
            dataverse.Metadata.AddRelationship(new OneToManyRelationship("new_note_contactid", "contact", "new_note", "new_contactid") { OnDelete = onDelete });

        private Guid Note(Guid contactId, string text) =>
            dataverse.Seed(new Entity("new_note") { ["new_text"] = text, ["new_contactid"] = new EntityReference("contact", contactId) });

        [Fact]
        public void RemoveLink_keeps_the_child_rows_clears_their_lookup_and_runs_no_update_step_on_them()
        {
            Relate(DeleteCascade.RemoveLink);
            var contact = dataverse.Seed(new Entity("contact") { ["lastname"] = "Reyes" });
            var other = dataverse.Seed(new Entity("contact") { ["lastname"] = "Other" });
            var note = Note(contact, "kept");
            var unrelated = Note(other, "untouched");
            var updates = 0;
            dataverse.RegisterStep(Steps.On("Update", "new_note", PipelineStage.PreValidation, _ => updates++));

            service.Delete("contact", contact);

            Assert.Null(dataverse.Get("contact", contact));
            var kept = dataverse.Get("new_note", note)!;
            Assert.Equal("kept", kept.GetAttributeValue<string>("new_text"));
            Assert.False(kept.Contains("new_contactid"));
            Assert.Equal(other, dataverse.Get("new_note", unrelated)!.GetAttributeValue<EntityReference>("new_contactid").Id);
            Assert.Equal(0, updates);
        }

        [Fact]
        public void Cascade_deletes_each_child_through_its_own_delete_whose_parent_context_is_the_parents_delete()
        {
            Relate(DeleteCascade.Cascade);
            var contact = dataverse.Seed(new Entity("contact") { ["lastname"] = "Reyes" });
            var first = Note(contact, "a");
            var second = Note(contact, "b");
            var parents = new List<string>();
            // The child's PreOperation context has the child's own PreValidation context as parent; above it is the contact's Delete.
            dataverse.RegisterStep(Steps.On("Delete", "new_note", PipelineStage.PreValidation, p => parents.Add(p.Context.ParentContext!.MessageName + " " + p.Context.ParentContext.PrimaryEntityName)));

            service.Delete("contact", contact);

            Assert.Null(dataverse.Get("new_note", first));
            Assert.Null(dataverse.Get("new_note", second));
            Assert.Equal(new[] { "Delete contact", "Delete contact" }, parents);
        }

        [Fact]
        public void A_child_delete_step_that_refuses_rolls_the_parents_delete_back()
        {
            Relate(DeleteCascade.Cascade);
            var contact = dataverse.Seed(new Entity("contact") { ["lastname"] = "Reyes" });
            var note = Note(contact, "guarded");
            dataverse.RegisterStep(Steps.On("Delete", "new_note", PipelineStage.PreValidation, _ => throw new InvalidPluginExecutionException("no")));

            Assert.ThrowsAny<Exception>(() => service.Delete("contact", contact));

            Assert.NotNull(dataverse.Get("contact", contact));
            Assert.NotNull(dataverse.Get("new_note", note));
        }

        [Fact]
        public void Restrict_refuses_the_delete_while_a_child_points_to_the_row_and_allows_it_once_none_does()
        {
            Relate(DeleteCascade.Restrict);
            var contact = dataverse.Seed(new Entity("contact") { ["lastname"] = "Reyes" });
            var note = Note(contact, "blocks");

            var fault = Assertions.Faults(-2147220953, () => service.Delete("contact", contact));
            Assert.Contains("new_note_contactid", fault.Message);
            Assert.NotNull(dataverse.Get("contact", contact));

            service.Delete("new_note", note);
            service.Delete("contact", contact);
            Assert.Null(dataverse.Get("contact", contact));
        }

        [Fact]
        public void A_new_relationship_removes_the_link_by_default_as_in_Dataverse()
        {
            Assert.Equal(DeleteCascade.RemoveLink, new OneToManyRelationship("x", "contact", "new_note", "new_contactid").OnDelete);
        }

        [Fact]
        public void Relationships_are_read_from_metadata_json_with_their_delete_behavior()
        {
            dataverse.LoadMetadata("""
                {"tables":[],"relationships":[
                 {"schemaName":"new_note_contactid","referencedEntity":"contact","referencingEntity":"new_note","referencingAttribute":"new_contactid","cascadeDelete":"Restrict"}]}
                """);
            var relationship = Assert.IsType<OneToManyRelationship>(dataverse.Metadata.Relationship("new_note_contactid"));
            Assert.Equal(DeleteCascade.Restrict, relationship.OnDelete);
            Assert.Equal("new_contactid", relationship.ReferencingAttribute);

            var error = Assert.Throws<FormatException>(() => RelationshipJsonReader.Read("""
                {"relationships":[{"schemaName":"r","referencedEntity":"contact","referencingEntity":"new_note","referencingAttribute":"new_contactid","cascadeDelete":"Sometimes"}]}
                """));
            Assert.Contains("unknown cascadeDelete 'Sometimes'", error.Message);
        }
    }
}
