using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    /// <summary>
    /// The columns a query or Retrieve returns. An empty ColumnSet returns only the primary id; AllColumns
    /// returns every column (costly on the platform, so plugins should name their columns).
    /// </summary>
    [DataContract(Name = "ColumnSet", Namespace = XrmContracts.V2011)]
    public sealed class ColumnSet : IExtensibleDataObject
    {
        private DataCollection<string> columns;

        public ColumnSet()
        {
        }

        public ColumnSet(bool allColumns)
        {
            AllColumns = allColumns;
        }

        public ColumnSet(params string[] columns)
        {
            Columns.AddRange(columns);
        }

        [DataMember]
        public bool AllColumns { get; set; }

        [DataMember]
        public DataCollection<string> Columns
        {
            get => columns ??= new DataCollection<string>();
            private set => columns = value;
        }

        public ExtensionDataObject ExtensionData { get; set; }

        /// <summary>Adds each name; like the real SDK it does not guard against a null array (NullReferenceException).</summary>
        public void AddColumns(params string[] columns)
        {
            foreach (string column in columns)
            {
                Columns.Add(column);
            }
        }

        public void AddColumn(string column)
        {
            Columns.Add(column);
        }
    }
}
