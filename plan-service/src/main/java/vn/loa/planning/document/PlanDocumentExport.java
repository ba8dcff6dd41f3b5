package vn.loa.planning.document;

import org.springframework.stereotype.Service;
import vn.loa.documents.AdministrativeDocument;
import vn.loa.documents.DocxDocumentRenderer;
import vn.loa.documents.PdfDocumentRenderer;
import vn.loa.planning.orgunit.OrgUnitView;
import vn.loa.planning.orgunit.OrgUnits;
import vn.loa.planning.plan.PlanService;
import vn.loa.planning.plan.PlanView;
import vn.loa.support.security.CurrentUser;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A plan as a Decree 30/2020 document rendered by {@code loa-documents} (Liberation Serif embedded).
 * The plan is read through {@link PlanService#get}, so the caller's scope is checked exactly as for
 * {@code GET /api/plans/{id}} (a plan outside it is a 404).
 */
@Service
public class PlanDocumentExport {

    private final PlanService plans;
    private final OrgUnits orgUnits;
    private final PdfDocumentRenderer pdf = new PdfDocumentRenderer();
    private final DocxDocumentRenderer docx = new DocxDocumentRenderer();

    PlanDocumentExport(PlanService plans, OrgUnits orgUnits) {
        this.plans = plans;
        this.orgUnits = orgUnits;
    }

    public AdministrativeDocument document(CurrentUser user, UUID id) {
        PlanView plan = plans.get(user, id);
        Map<String, String> unitNames = orgUnits.find(plan.orgUnit())
                .map(u -> u.units().stream().collect(Collectors.toMap(OrgUnitView.Unit::code, OrgUnitView.Unit::name, (a, b) -> a)))
                .orElse(Map.of());
        return PlanDocuments.of(plan, unitNames);
    }

    public byte[] pdf(CurrentUser user, UUID id) {
        return pdf.render(document(user, id));
    }

    public byte[] docx(CurrentUser user, UUID id) {
        return docx.render(document(user, id));
    }
}
