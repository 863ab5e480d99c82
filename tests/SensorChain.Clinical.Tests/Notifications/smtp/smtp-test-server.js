// A real SMTP server on 127.0.0.1 for the e-mail notification tests.
// Usage: node smtp-test-server.js [port]   (port 0 or omitted: a free port)
// Prints "LISTENING <port>" once ready, then one "MAIL <json>" line per accepted message
// ({ from, to: [...], data }) on stdout. Stops on SIGTERM or when stdin closes.
'use strict';
const { SMTPServer } = require('smtp-server');

const port = Number.parseInt(process.argv[2] || '0', 10);
const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const mail = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
        data: Buffer.concat(chunks).toString('utf8'),
      };
      process.stdout.write('MAIL ' + JSON.stringify(mail) + '\n');
      callback();
    });
  },
});

server.on('error', (err) => {
  process.stderr.write('SMTP server error: ' + err.message + '\n');
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + server.server.address().port + '\n');
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
