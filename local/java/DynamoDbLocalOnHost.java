/*
 * Starts AWS's DynamoDB Local listening on one address only. Its launcher (ServerRunner.main) binds Jetty to every
 * interface and has no option for the address; this one builds the same server from the same command-line options,
 * sets the address on its Jetty connector before starting it, and leaves everything else to DynamoDB Local.
 *
 * Usage: java -cp DynamoDBLocal.jar DynamoDbLocalOnHost.java <host> <DynamoDB Local options...>
 * Reflection keeps this file free of compile-time dependencies, so the JDK's source launcher runs it as it is.
 */
import java.lang.reflect.Field;
import java.util.Arrays;

public final class DynamoDbLocalOnHost {
  public static void main(String[] arguments) throws Exception {
    if (arguments.length < 1) throw new IllegalArgumentException("usage: DynamoDbLocalOnHost <host> [DynamoDB Local options]");
    String host = arguments[0];
    String[] options = Arrays.copyOfRange(arguments, 1, arguments.length);
    Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
    Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) options);
    Field serverField = proxy.getClass().getDeclaredField("server");
    serverField.setAccessible(true);
    Object jetty = serverField.get(proxy);
    Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Object connector : connectors) connector.getClass().getMethod("setHost", String.class).invoke(connector, host);
    proxy.getClass().getMethod("start").invoke(proxy);
  }
}
