import { describe, expect, test } from "vitest";
import { InboundEmailError, parseInboundEmail, sanitizeEmailHtml } from "~/services/conversation/parse-inbound-email.server";

const mime = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

const PLAIN = mime([
  "From: Ravi Kumar <Ravi.Kumar@Example.in>",
  "To: sales@leadlane.test",
  "Subject: Nifty indicator price?",
  "Message-ID: <abc123@mail.example.in>",
  "Date: Thu, 03 Dec 2026 10:15:00 +0530",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Hello, what does the Nifty Trend Rider cost?",
  "",
]);

async function refusal(raw: Buffer) {
  return parseInboundEmail(raw).then(
    () => null,
    (error: unknown) => error,
  );
}

describe("parseInboundEmail", () => {
  test("a plain-text message: sender (address lowercased, display name), subject, text, ids, date", async () => {
    expect(await parseInboundEmail(PLAIN)).toEqual({
      from: { address: "ravi.kumar@example.in", name: "Ravi Kumar" },
      to: ["sales@leadlane.test"],
      subject: "Nifty indicator price?",
      text: "Hello, what does the Nifty Trend Rider cost?",
      messageId: "abc123@mail.example.in",
      inReplyTo: [],
      references: [],
      attachments: [],
      sentAt: "2026-12-03T04:45:00.000Z",
    });
  });

  test("a reply names the messages it answers (In-Reply-To, References) without angle brackets", async () => {
    const email = await parseInboundEmail(
      mime([
        "From: ravi@example.in",
        "Subject: Re: Your trial",
        "Message-ID: <reply-2@example.in>",
        "In-Reply-To: <out-1@leadlane.test>",
        "References: <first@leadlane.test>\r\n <out-1@leadlane.test>",
        "",
        "Yes please.",
      ]),
    );
    expect(email).toMatchObject({ from: { address: "ravi@example.in" }, messageId: "reply-2@example.in", inReplyTo: ["out-1@leadlane.test"], references: ["first@leadlane.test", "out-1@leadlane.test"] });
    expect(email.from).not.toHaveProperty("name");
  });

  test("a Hindi subject in RFC 2047 encoding, and a Hindi display name", async () => {
    const subject = "मूल्य के बारे में प्रश्न";
    const name = "रवि कुमार";
    const b64 = (value: string) => `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
    const email = await parseInboundEmail(
      mime([`From: ${b64(name)} <ravi@example.in>`, `Subject: ${b64(subject)}`, "Message-ID: <hi-1@example.in>", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", "नमस्ते"]),
    );
    expect(email).toMatchObject({ subject, from: { address: "ravi@example.in", name }, text: "नमस्ते" });
    const quoted = await parseInboundEmail(mime(["From: a@example.in", "Subject: =?utf-8?Q?=E0=A4=A8=E0=A4=AE=E0=A4=B8=E0=A5=8D=E0=A4=A4=E0=A5=87?=", "", "x"]));
    expect(quoted.subject).toBe("नमस्ते");
  });

  test("multipart/alternative: the text part as text, the HTML part sanitized", async () => {
    const email = await parseInboundEmail(
      mime([
        "From: Ravi <ravi@example.in>",
        "Subject: Both",
        "MIME-Version: 1.0",
        'Content-Type: multipart/alternative; boundary="b1"',
        "",
        "--b1",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Plain words",
        "--b1",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<p onclick="steal()">Rich <b>words</b> <a href="https://example.in/x" onmouseover="x()">link</a></p><script>alert(1)</script>',
        "--b1--",
        "",
      ]),
    );
    expect(email.text).toBe("Plain words");
    expect(email.html).toBe('<p>Rich <b>words</b> <a href="https://example.in/x" rel="noopener noreferrer nofollow" target="_blank">link</a></p>');
  });

  test("an HTML-only message: text derived from it without the script, HTML sanitized", async () => {
    const email = await parseInboundEmail(
      mime([
        "From: ravi@example.in",
        "Subject: HTML only",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<html><head><style>p{color:red}</style><script>alert("x")</script></head><body><p>Hello <img src=x onerror=alert(1)>there</p><a href="javascript:alert(1)">click</a><a href="JaVaScRiPt:alert(2)">again</a><iframe src="https://evil.example"></iframe></body></html>',
      ]),
    );
    expect(email.text).toMatch(/Hello\s+there/);
    expect(email.text).not.toMatch(/alert/);
    expect(email.html).toBe('<p>Hello there</p><a rel="noopener noreferrer nofollow" target="_blank">click</a><a rel="noopener noreferrer nofollow" target="_blank">again</a>');
  });

  test("an attachment: its name, content type and size, not its contents", async () => {
    const pdf = Buffer.from("%PDF-1.4 pretend pdf bytes for the test");
    const email = await parseInboundEmail(
      mime([
        "From: ravi@example.in",
        "Subject: Statement",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="m1"',
        "",
        "--m1",
        "Content-Type: text/plain",
        "",
        "See attached.",
        "--m1",
        'Content-Type: application/pdf; name="statement.pdf"',
        'Content-Disposition: attachment; filename="statement.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        pdf.toString("base64"),
        "--m1--",
        "",
      ]),
    );
    expect(email.text).toBe("See attached.");
    expect(email.attachments).toEqual([{ name: "statement.pdf", contentType: "application/pdf", size: pdf.length }]);
    expect(JSON.stringify(email)).not.toContain("pretend pdf");
  });

  test("a message without a Message-ID or a date says so with null", async () => {
    expect(await parseInboundEmail(mime(["From: ravi@example.in", "", "hi"]))).toMatchObject({ messageId: null, sentAt: null, text: "hi" });
  });

  test.each([
    ["empty", Buffer.alloc(0), /empty/],
    ["not text", Buffer.from([0x25, 0x50, 0x00, 0x01, 0x02]), /not a text message/],
    ["no headers", Buffer.from("just some words\r\n\r\nand more"), /no email headers/],
    ["JSON", Buffer.from('{"from":"ravi@example.in","text":"hi"}'), /no email headers/],
    ["no usable From", mime(["From: Ravi Kumar", "Subject: x", "", "hi"]), /no valid From address/],
  ])("refuses a body that is %s", async (_label, raw, message) => {
    const error = await refusal(raw);
    expect(error).toBeInstanceOf(InboundEmailError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("sanitizeEmailHtml", () => {
  test.each([
    ["<img src=x onerror=alert(1)>", ""],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href=" jav&#x09;ascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="//evil.example/x">x</a>', '<a rel="noopener noreferrer nofollow" target="_blank">x</a>'],
    ['<a href="mailto:sales@example.in" rel="opener">mail</a>', '<a href="mailto:sales@example.in" rel="noopener noreferrer nofollow" target="_blank">mail</a>'],
    ["<svg><script>alert(1)</script></svg>ok", "ok"],
    ['<div style="background:url(javascript:alert(1))" class="x">t</div>', "<div>t</div>"],
    ['<form action="https://evil.example"><input name="p"><button>Go</button></form>', "Go"],
    ["<p>2 < 3 & 4 > 1</p>", "<p>2 &lt; 3 &amp; 4 &gt; 1</p>"],
  ])("%s → %s", (html, expected) => {
    expect(sanitizeEmailHtml(html)).toBe(expected);
  });
});
