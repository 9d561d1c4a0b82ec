package org.smtpgw.conf.james;

import java.io.StringWriter;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A DOM document built with a few helpers and written indented, so escaping is never done by hand. */
final class Xml {

    private final Document doc;
    private final Element root;

    private Xml(String rootName) {
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no DOM implementation", e);
        }
        root = doc.createElement(rootName);
        doc.appendChild(root);
    }

    static Xml document(String rootName) {
        return new Xml(rootName);
    }

    Element root() {
        return root;
    }

    Element add(Element parent, String name) {
        Element e = doc.createElement(name);
        parent.appendChild(e);
        return e;
    }

    Element add(Element parent, String name, Object text) {
        Element e = add(parent, name);
        e.setTextContent(String.valueOf(text));
        return e;
    }

    void comment(Element parent, String text) {
        parent.appendChild(doc.createComment(" " + text.replace("--", "- -") + " "));
    }

    void headerComment(String text) {
        doc.insertBefore(doc.createComment(" " + text.replace("--", "- -") + " "), root);
    }

    /** Indented with two spaces, with an XML declaration on its own line, ending with a newline. */
    String render() {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            Transformer t = factory.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            String body = out.toString().replace("\r\n", "\n").strip();
            // The JDK writer puts the header comment and the root element on one line; split them.
            body = body.replaceFirst("-->\\s*<", "-->\n<");
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }
}
