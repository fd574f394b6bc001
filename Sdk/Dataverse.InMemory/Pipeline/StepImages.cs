using System;
using System.Collections.Generic;
using Dataverse.InMemory.Messages;
using Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace Dataverse.InMemory.Pipeline
{
    /// <summary>Entity images: whether a stage's steps need a row snapshot, which row, and each step's view of it.</summary>
    internal static class StepImages
    {
        public static bool Needed(PluginStep[] stageSteps, bool pre)
        {
            foreach (var step in stageSteps)
            {
                foreach (var image in step.Images)
                {
                    if (pre ? image.IsPre : image.IsPost) return true;
                }
            }
            return false;
        }

        /// <summary>The row the message's images show, as <paramref name="reader"/> sees it now; null when there is none.</summary>
        public static Entity? Row(MessageHandler handler, PluginExecutionContext context, IRowReader reader)
        {
            var record = handler.ImageRecord(context);
            return record is { } r ? reader.Get(r.LogicalName, r.Id) : null;
        }

        // An image holds only the registered columns (all when none are listed) and, like Retrieve, no null values.
        public static EntityImageCollection For(PluginStep step, Entity? row, bool pre)
        {
            var images = new EntityImageCollection();
            if (row == null) return images;
            foreach (var image in step.Images)
            {
                if (pre ? !image.IsPre : !image.IsPost) continue;
                var columns = image.Attributes.Count == 0 ? null : new HashSet<string>(image.Attributes, StringComparer.Ordinal);
                var snapshot = ValueCopier.CopyNonNull(row, name => columns == null || columns.Contains(name));
                snapshot.RowVersion = Platform.Records.RowVersionOf(row);
                images[image.Alias] = snapshot;
            }
            return images;
        }
    }
}
