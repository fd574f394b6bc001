using System;
using System.Linq;
using Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace Dataverse.InMemory.Tests.Pipeline
{
    public sealed class ImageTests
    {
        private readonly InMemoryDataverse dataverse = new();
        private readonly IOrganizationService service;

        public ImageTests()
        {
            service = dataverse.CreateService();
        }

        [Fact]
        public void Update_PostOperation_gets_the_row_before_and_after_with_only_the_registered_columns()
        {
            Entity? pre = null;
            Entity? post = null;
            dataverse.RegisterStep(new PluginStep("Update", new DelegatePlugin(p =>
            {
                pre = p.Context.PreEntityImages["pre"];
                post = p.Context.PostEntityImages["post"];
            }))
            {
                PrimaryEntity = "contact",
                Images = new[] { new StepImage(ImageType.PreImage, "pre", "lastname"), new StepImage(ImageType.PostImage, "post", "lastname", "firstname") },
            });
            var id = service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Kim", ["jobtitle"] = "CTO" });

            service.Update(new Entity("contact", id) { ["lastname"] = "Lee" });

            Assert.Equal(new[] { "lastname" }, pre!.Attributes.Keys.ToArray());
            Assert.Equal("Kim", pre["lastname"]);
            Assert.Equal(new[] { "firstname", "lastname" }, post!.Attributes.Keys.OrderBy(k => k).ToArray());
            Assert.Equal("Lee", post["lastname"]);
            Assert.Equal(id, post.Id);
        }

        [Fact]
        public void Create_has_a_post_image_with_all_columns_when_none_are_listed()
        {
            Entity? post = null;
            dataverse.RegisterStep(new PluginStep("Create", new DelegatePlugin(p => post = p.Context.PostEntityImages["created"]))
            {
                PrimaryEntity = "contact",
                Images = new[] { new StepImage(ImageType.PostImage, "created") },
            });

            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });

            Assert.Equal("Kim", post!["lastname"]);
            Assert.Equal(id, post["contactid"]);
            Assert.True(post.Contains("createdon"));
        }

        [Fact]
        public void Delete_has_a_pre_image_in_PreValidation_and_PostOperation()
        {
            string? preValidation = null;
            string? postOperation = null;
            var image = new[] { new StepImage(ImageType.PreImage, "gone", "lastname") };
            dataverse.RegisterStep(new PluginStep("Delete", new DelegatePlugin(p => preValidation = (string)p.Context.PreEntityImages["gone"]["lastname"]))
            {
                PrimaryEntity = "contact",
                Stage = PipelineStage.PreValidation,
                Images = image,
            });
            dataverse.RegisterStep(new PluginStep("Delete", new DelegatePlugin(p => postOperation = (string)p.Context.PreEntityImages["gone"]["lastname"]))
            {
                PrimaryEntity = "contact",
                Images = image,
            });
            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim" });

            service.Delete("contact", id);

            Assert.Equal("Kim", preValidation);
            Assert.Equal("Kim", postOperation);
        }

        [Fact]
        public void Images_are_copies_a_plugin_cannot_use_to_change_the_row()
        {
            dataverse.RegisterStep(new PluginStep("Update", new DelegatePlugin(p => p.Context.PreEntityImages["pre"]["lastname"] = "Tampered"))
            {
                PrimaryEntity = "contact",
                Stage = PipelineStage.PreOperation,
                Images = new[] { new StepImage(ImageType.PreImage, "pre") },
            });
            var id = service.Create(new Entity("contact") { ["lastname"] = "Kim", ["firstname"] = "Ada" });

            service.Update(new Entity("contact", id) { ["firstname"] = "Bea" });

            Assert.Equal("Kim", dataverse.Get("contact", id)!["lastname"]);
        }

        [Fact]
        public void Send_images_are_taken_from_the_email_named_by_EmailId()
        {
            Entity? pre = null;
            Entity? post = null;
            dataverse.RegisterStep(new PluginStep("Send", new DelegatePlugin(p =>
            {
                pre = p.Context.PreEntityImages["pre"];
                post = p.Context.PostEntityImages["post"];
            }))
            {
                PrimaryEntity = "email",
                Images = new[]
                {
                    new StepImage(ImageType.PreImage, "pre", "statecode") { MessagePropertyName = "EmailId" },
                    new StepImage(ImageType.PostImage, "post", "statecode") { MessagePropertyName = "EmailId" },
                },
            });
            var email = service.Create(new Entity("email") { ["subject"] = "Hello" });

            service.Execute(new OrganizationRequest("SendEmail") { ["EmailId"] = email, ["IssueSend"] = false, ["TrackingToken"] = "" });

            Assert.Equal(0, pre!.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(1, post!.GetAttributeValue<OptionSetValue>("statecode").Value);
        }

        [Fact]
        public void A_message_without_image_support_refuses_image_registration()
        {
            Assert.Throws<ArgumentException>(() => dataverse.RegisterStep(new PluginStep("Retrieve", new DelegatePlugin(_ => { }))
            {
                Images = new[] { new StepImage(ImageType.PreImage, "pre") },
            }));
        }
    }
}
