package vn.loa.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.loa.gateway.auth.PasswordTool;

@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("hash-password")) {
            // java -jar loa-gateway.jar hash-password: a tool for the users file, no server.
            System.exit(PasswordTool.run(args, System.out, System.err));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
