package io.sightline.cli;

import picocli.CommandLine;

/**
 * Prints a runtime failure as one clear line (the full stack trace only with SIGHTLINE_DEBUG=1) and
 * maps it to exit code 1; {@link UserFacingException}s carry their own exit code.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(cmd.getColorScheme().errorText("sightline " + cmd.getCommandName() + ": " + message));
        if ("1".equals(System.getenv("SIGHTLINE_DEBUG"))) {
            ex.printStackTrace(cmd.getErr());
        }
        return ex instanceof UserFacingException u ? u.exitCode() : 1;
    }
}
