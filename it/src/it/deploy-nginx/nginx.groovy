// This project's nginx: a Maven repository with WebDAV at /repo/ on 127.0.0.1 only,
// writable with Basic auth. Returns [start: {port, htpasswd}, stop: {..}, root: File, prefix: File].
def nginx = evaluate(new File(itLibDirectory, 'Nginx.groovy'))

def start = { int port, String htpasswd ->
    new File(nginx.root, 'repo').mkdirs()
    new File(nginx.prefix, 'htpasswd').text = htpasswd
    nginx.start('127.0.0.1', [port], """
            server {
                listen 127.0.0.1:${port};
                root ${nginx.root};
                location /repo/ {
                    auth_basic "zentoo-it";
                    auth_basic_user_file ${nginx.prefix}/htpasswd;
                    dav_methods PUT MKCOL;
                    create_full_put_path on;
                    dav_access user:rw group:r all:r;
                }
            }""")
}

[start: start, stop: nginx.stop, root: nginx.root, prefix: nginx.prefix]
