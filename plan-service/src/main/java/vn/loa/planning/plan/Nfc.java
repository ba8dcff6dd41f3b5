package vn.loa.planning.plan;

import java.text.Normalizer;
import java.util.List;
import java.util.function.UnaryOperator;

/** Puts every text of a plan in Unicode NFC, the form Vietnamese text is stored and compared in. */
final class Nfc {

    private Nfc() {
    }

    static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    static PlanContent normalize(PlanContent c) {
        return new PlanContent(nfc(c.title()), c.implementsPlanId(), nfc(c.preamble()),
                map(c.legalBases(), b -> new PlanContent.LegalBasis(nfc(b.documentNumber()), b.issuedOn(), nfc(b.issuer()), nfc(b.title()))),
                map(c.purposes(), Nfc::nfc),
                map(c.requirements(), Nfc::nfc),
                map(c.targets(), t -> new PlanContent.Target(nfc(t.code()), nfc(t.description()), t.indicator(), t.yearlyValue(),
                        t.quarterlyValues(), t.channel(), t.unit(), t.parentTargetCode(), nfc(t.measure()), t.recurrence())),
                map(c.topics(), t -> new PlanContent.Topic(nfc(t.code()), nfc(t.title()), map(t.items(), Nfc::nfc))),
                c.channels(),
                c.forms() == null ? null : map(c.forms(), f -> new PlanContent.Form(nfc(f.code()), f.channels(), nfc(f.description()))),
                map(c.budget(), b -> new PlanContent.BudgetLine(b.source(), b.amountVnd(), nfc(b.note()))),
                nfc(c.budgetNote()),
                map(c.assignments(), a -> new PlanContent.Assignment(a.unit(), a.role(), nfc(a.duties()), a.reportsEveryMonths())),
                nfc(c.assignmentsNote()),
                map(c.recipients(), r -> new PlanContent.Recipient(nfc(r.name()), nfc(r.purpose()))),
                nfc(c.closing()));
    }

    private static <T> List<T> map(List<T> list, UnaryOperator<T> f) {
        return list == null ? null : list.stream().map(f).toList();
    }
}
