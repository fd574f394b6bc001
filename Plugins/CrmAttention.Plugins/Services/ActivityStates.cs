using Microsoft.Xrm.Sdk;
using M = CrmAttention.Model;

namespace CrmAttention.Plugins.Services
{
    /// <summary>statecode and statuscode values of the activity tables (the platform's, not ours).</summary>
    public static class ActivityStates
    {
        public const int Open = 0;
        public const int Completed = 1;
        public const int Canceled = 2;

        /// <summary>The Canceled status of each activity table (email 5, phone call 3, appointment 4, task 6, letter 5).</summary>
        public static int CanceledStatus(string logicalName)
        {
            switch (logicalName)
            {
                case M.Email.EntityLogicalName: return 5;
                case M.PhoneCall.EntityLogicalName: return 3;
                case M.Appointment.EntityLogicalName: return 4;
                case M.TaskActivity.EntityLogicalName: return 6;
                case M.Letter.EntityLogicalName: return 5;
                default: throw new InvalidPluginExecutionException("CrmAttention does not know the cancelled status of table '" + logicalName + "'.");
            }
        }
    }
}
