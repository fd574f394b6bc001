using System;
using Xunit;

namespace Microsoft.Xrm.Sdk.Tests
{
    public class InvalidPluginExecutionExceptionTests
    {
        // COR_E_EXCEPTION: the HResult of every System.Exception unless set. The real SDK reports the HResult as
        // ErrorCode, so a plugin that passes no code surfaces this one.
        private const int DefaultExceptionHResult = unchecked((int)0x80131500);

        [Fact]
        public void Message_constructor_keeps_the_message_and_fails_the_operation()
        {
            InvalidPluginExecutionException exception = new InvalidPluginExecutionException("Contact is saturated.");

            Assert.Equal("Contact is saturated.", exception.Message);
            Assert.Equal(OperationStatus.Failed, exception.Status);
            Assert.Equal(DefaultExceptionHResult, exception.ErrorCode);
            Assert.Null(exception.InnerException);
        }

        [Fact]
        public void Status_and_error_code_constructor_sets_both()
        {
            InvalidPluginExecutionException exception = new InvalidPluginExecutionException(OperationStatus.Canceled, -2147220891, "Blocked by policy.");

            Assert.Equal(OperationStatus.Canceled, exception.Status);
            Assert.Equal(-2147220891, exception.ErrorCode);
            Assert.Equal(-2147220891, exception.HResult);
            Assert.Equal("Blocked by policy.", exception.Message);
        }

        [Fact]
        public void Error_code_zero_keeps_the_default_code()
        {
            InvalidPluginExecutionException exception = new InvalidPluginExecutionException(OperationStatus.Retry, 0, "Try again.");

            Assert.Equal(OperationStatus.Retry, exception.Status);
            Assert.Equal(DefaultExceptionHResult, exception.ErrorCode);
        }

        [Fact]
        public void Status_constructors_set_the_status()
        {
            Assert.Equal(OperationStatus.Suspended, new InvalidPluginExecutionException(OperationStatus.Suspended).Status);
            Assert.Equal(string.Empty, new InvalidPluginExecutionException(OperationStatus.Suspended).Message);
            InvalidPluginExecutionException withMessage = new InvalidPluginExecutionException(OperationStatus.Succeeded, "Done.");
            Assert.Equal(OperationStatus.Succeeded, withMessage.Status);
            Assert.Equal("Done.", withMessage.Message);
        }

        [Fact]
        public void Default_constructor_fails_the_operation()
        {
            InvalidPluginExecutionException exception = new InvalidPluginExecutionException();

            Assert.Equal(OperationStatus.Failed, exception.Status);
            Assert.Equal(DefaultExceptionHResult, exception.ErrorCode);
        }

        [Fact]
        public void Inner_exception_constructor_keeps_the_cause()
        {
            InvalidOperationException cause = new InvalidOperationException("engine failed");

            InvalidPluginExecutionException exception = new InvalidPluginExecutionException("Evaluation failed.", cause);

            Assert.Same(cause, exception.InnerException);
            Assert.Equal("Evaluation failed.", exception.Message);
            Assert.Equal(OperationStatus.Failed, exception.Status);
        }

        [Fact]
        public void OperationStatus_has_the_real_values()
        {
            Assert.Equal(0, (int)OperationStatus.Failed);
            Assert.Equal(1, (int)OperationStatus.Canceled);
            Assert.Equal(2, (int)OperationStatus.Retry);
            Assert.Equal(3, (int)OperationStatus.Suspended);
            Assert.Equal(4, (int)OperationStatus.Succeeded);
        }
    }
}
