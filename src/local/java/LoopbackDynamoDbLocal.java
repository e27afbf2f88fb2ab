// DynamoDB Local served on one address only. Its own ServerRunner (`java -jar DynamoDBLocal.jar`)
// binds Jetty to every interface and has no flag for the address; this launcher builds the same
// request and server handlers from the jar's classes and puts them behind a Jetty connector bound
// to the given host. Java's single-file source mode runs it with no build step:
//
//   java -Djava.library.path=<lib> -cp DynamoDBLocal.jar:<lib>/* LoopbackDynamoDbLocal.java \
//     <host> -sharedDb -dbPath <dir> -port <port> -disableTelemetry
//
// Everything after the host is parsed by DynamoDB Local's own CommandLineInput, so the options mean
// what they mean for the jar. Telemetry is never configured here, so none is sent whatever the flags.

import java.util.Arrays;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: LoopbackDynamoDbLocal <host> [DynamoDB Local options]");
      System.exit(2);
    }
    String host = args[0];
    CommandLineInput input = new CommandLineInput(Arrays.copyOfRange(args, 1, args.length));
    if (!input.init()) System.exit(2);
    // As the jar's ServerRunner does: Jetty logs warnings only.
    System.setProperty("org.eclipse.jetty.LEVEL", "WARN");

    // The handlers ServerRunner.createServer builds, with the same arguments.
    LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(
        0, input.isInMemory(), input.getDbPath(), input.getSharedDb(), input.shouldDelayTransientStatuses());
    LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, input.getCorsParams());

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(input.getPort());
    server.addConnector(connector);
    // The handler tree DynamoDBProxyServer.setUpHandler builds.
    ContextHandler context = new ContextHandler();
    context.setHandler(handler);
    server.setHandler(new ContextHandlerCollection(context));

    // SIGTERM: stop serving, then close the database files cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop();
      } catch (Exception e) {
        System.err.println("stopping Jetty: " + e);
      }
      handler.close();
    }));
    server.start();
    System.out.println("DynamoDB Local listening on " + host + ":" + connector.getLocalPort());
    server.join();
  }
}
