using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Tests.Solutions
{
    /// <summary>
    /// A plug-in a registration row names by type and assembly name: on the widget's Update it writes its
    /// configuration and what it saw of its pre-image into new_stamp.
    /// </summary>
    public sealed class StampPlugin : IPlugin
    {
        private readonly string? configuration;

        public StampPlugin(string? unsecure, string? secure) => configuration = unsecure;

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            var target = (Entity)context.InputParameters["Target"];
            var images = string.Join(",", context.PreEntityImages.Keys);
            target["new_stamp"] = (target.GetAttributeValue<string>("new_stamp") ?? "") + $"[{configuration}|{context.Stage}|{images}]";
        }
    }

    /// <summary>The plug-in of a custom API in the test solution: answers with the number it was given, doubled.</summary>
    public sealed class DoubleApi : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            context.OutputParameters["Result"] = (int)context.InputParameters["Value"] * 2;
        }
    }

    internal static class SolutionFixtures
    {
        public static readonly Guid AssemblyId = new("11111111-0000-4000-8000-000000000001");
        public static readonly Guid StampTypeId = new("11111111-0000-4000-8000-000000000002");
        public static readonly Guid DoubleTypeId = new("11111111-0000-4000-8000-000000000003");
        public static readonly Guid StepId = new("11111111-0000-4000-8000-000000000004");
        public static readonly Guid ImageId = new("11111111-0000-4000-8000-000000000005");
        public const string UpdateMessageId = "20bebb1b-ea3e-db11-86a7-000a3a5473e8";

        public static InMemoryDataverse World()
        {
            var world = new InMemoryDataverse();
            world.LoadMetadata(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Solutions", "registration-metadata.json")));
            world.EnablePluginRegistration();
            return world;
        }

        public static byte[] Zip(string tables = "<Entity><Name LocalizedName=\"Widget\" OriginalName=\"\">new_Widget</Name></Entity>", string version = "1.0.0.0",
            bool managed = false, string? stepMessageId = null, string configuration = "v1")
        {
            var assemblyName = typeof(StampPlugin).Assembly.GetName().Name;
            var customizations = $"""
                <ImportExportXml version="9.2" SolutionPackageVersion="9.2" languagecode="1033">
                  <Entities>{tables}</Entities>
                  <Roles><Role id="{Guid.NewGuid()}" name="Widget maker" /></Roles>
                  <SolutionPluginAssemblies>
                    <PluginAssembly FullName="{assemblyName}, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null" PluginAssemblyId="{AssemblyId}">
                      <IsolationMode>2</IsolationMode><SourceType>0</SourceType>
                      <PluginTypes>
                        <PluginType AssemblyQualifiedName="{typeof(StampPlugin).FullName}, {assemblyName}, Version=1.0.0.0" PluginTypeId="{StampTypeId}" Name="{typeof(StampPlugin).FullName}"><FriendlyName>Stamp</FriendlyName></PluginType>
                        <PluginType AssemblyQualifiedName="{typeof(DoubleApi).FullName}, {assemblyName}, Version=1.0.0.0" PluginTypeId="{DoubleTypeId}" Name="{typeof(DoubleApi).FullName}"><FriendlyName>Double</FriendlyName></PluginType>
                      </PluginTypes>
                    </PluginAssembly>
                  </SolutionPluginAssemblies>
                  <SdkMessageProcessingSteps>
                    <SdkMessageProcessingStep Name="Stamp: Update of new_widget" SdkMessageProcessingStepId="{Braced(StepId)}">
                      <SdkMessageId>{stepMessageId ?? UpdateMessageId}</SdkMessageId>
                      <PluginTypeName>{typeof(StampPlugin).FullName}, {assemblyName}</PluginTypeName>
                      <PluginTypeId>{StampTypeId}</PluginTypeId>
                      <PrimaryEntity>new_widget</PrimaryEntity>
                      <Configuration>{configuration}</Configuration>
                      <Mode>0</Mode><Rank>1</Rank><Stage>20</Stage>
                      <SdkMessageProcessingStepImages>
                        <SdkMessageProcessingStepImage Name="pre">
                          <SdkMessageProcessingStepImageId>{Braced(ImageId)}</SdkMessageProcessingStepImageId>
                          <Attributes>new_name</Attributes><EntityAlias>pre</EntityAlias><ImageType>0</ImageType><MessagePropertyName>Target</MessagePropertyName>
                        </SdkMessageProcessingStepImage>
                      </SdkMessageProcessingStepImages>
                    </SdkMessageProcessingStep>
                  </SdkMessageProcessingSteps>
                </ImportExportXml>
                """;
            var solution = $"""
                <ImportExportXml version="9.2" SolutionPackageVersion="9.2" languagecode="1033">
                  <SolutionManifest>
                    <UniqueName>Widgets</UniqueName>
                    <LocalizedNames><LocalizedName description="Widgets" languagecode="1033" /></LocalizedNames>
                    <Version>{version}</Version>
                    <Managed>{(managed ? 1 : 0)}</Managed>
                  </SolutionManifest>
                </ImportExportXml>
                """;
            var api = $"""
                <customapi uniquename="new_Double"><name>new_Double</name><plugintypeid><plugintypeid>{Braced(DoubleTypeId)}</plugintypeid></plugintypeid></customapi>
                """;
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                Add(zip, "solution.xml", solution);
                Add(zip, "customizations.xml", customizations);
                Add(zip, "customapis/new_Double/customapi.xml", api);
            }
            return buffer.ToArray();
        }

        private static string Braced(Guid id) => "{" + id.ToString("D") + "}";

        private static void Add(ZipArchive zip, string name, string text)
        {
            using var stream = zip.CreateEntry(name).Open();
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        }
    }
}
