package vn.loa.documents;

import java.time.LocalDate;
import java.util.List;

/** The Liên Minh 2022 communication plan of the seed document, as a document model. */
final class LienMinhPlanFixture {

    private LienMinhPlanFixture() {
    }

    static AdministrativeDocument plan() {
        return new AdministrativeDocument(
                "UBND HUYỆN ĐỨC THỌ",
                "UBND XÃ LIÊN MINH",
                "05/KH-UBND",
                "Liên Minh",
                LocalDate.of(2022, 1, 24),
                "KẾ HOẠCH",
                "Tuyên truyền cải cách hành chính xã Liên Minh năm 2022",
                List.of(
                Section.of(null,
                        Block.paragraph("Thực hiện Kế hoạch số: 169/KH-UBND ngày 24/01/2022 của UBND huyện Đức Thọ về tuyên truyền cải cách hành chính huyện năm 2022; UBND xã Liên Minh xây dựng kế hoạch thực hiện tuyên truyền cải cách hành chính năm 2022 như sau:")),
                Section.of("I. MỤC ĐÍCH, YÊU CẦU",
                        Block.heading(1, "1. Mục đích"),
                        Block.item("Tiếp tục nâng cao nhận thức, trách nhiệm của các cấp, các ngành của cán bộ, công chức, viên chức về công tác cải cách hành chính, coi đây là nhiệm vụ đột phá, tập trung đổi mới phương thức chỉ đạo, quản lý, điều hành của chính quyền, phát huy dân chủ, tăng cường kỷ luật, kỷ cương tạo thuận lợi cho nhân dân, doanh nghiệp và nhà đầu tư trong các lĩnh vực của đời sống xã hội, góp phần vào tiến trình phát triển và hội nhập."),
                        Block.item("Hỗ trợ cán bộ, công chức, viên chức nắm vững mục tiêu, nội dung, các nhiệm vụ CCHC, Bộ phận tiếp nhận và trả kết quả cấp xã; các nội dung về công khai, minh bạch TTHC; đẩy mạnh tuyên truyền sử dụng các dịch vụ công trực tuyến mức độ 3, 4; dịch vụ bưu chính công ích để người dân và doanh nghiệp tiếp cận, sử dụng. Nêu cao tinh thần, trách nhiệm thực hiện tốt các nhiệm vụ được giao; đồng thời nâng cao nhận thức trong cộng đồng doanh nghiệp trong nhân dân để cùng chung tay trong xây dựng nền hành chính công minh bạch, công khai, hiện đại trên địa bàn xã."),
                        Block.item("Tuyên truyền và thực hiện có hiệu quả, các phương thức hoạt động, giải quyết các thủ tục hành chính."),
                        Block.heading(1, "2. Yêu cầu"),
                        Block.item("Thực hiện công tác tuyên truyền đạt hiệu quả, đảm bảo đúng tiến độ đề ra."),
                        Block.item("Phổ biến, tuyên truyền kịp thời, đầy đủ, thường xuyên, phù hợp với yêu cầu, đặc điểm và nhiệm vụ của từng ngành, từng địa phương."),
                        Block.item("Kết hợp công tác tuyên truyền với việc thực hiện Kế hoạch cải cách hành chính Nhà nước; lồng ghép phổ biến tuyên truyền về đường lối, chủ trương của Đảng, chính sách pháp luật của Nhà nước."),
                        Block.item("Lồng ghép các thông tin, tuyên truyền CCHC với quán triệt, phổ biến giáo dục các chủ trương, chính sách của Đảng, pháp luật của Nhà nước về đổi mới hệ thống chính trị ở địa phương, góp phần nâng cao dân trí, thúc đẩy phát triển kinh tế xã hội, đảm bảo quốc phòng an ninh, trật tự an toàn xã hội và tăng cường công tác đối ngoại."),
                        Block.heading(1, "3. Chỉ tiêu cụ thể"),
                        Block.item("Cập nhật, công khai, minh bạch tình trạng giải quyết TTHC hồ sơ đã tiếp nhận, đặc biệt duy trì hiệu quả chuyên mục CCHC trên trang thông tin điện tử cấp xã; cập nhật đầy đủ, thường xuyên các tin bài về CCHC"),
                        Block.item("Truyền thanh cơ sở có chuyên mục tuyên truyền về CCHC, định kỳ thông báo về CCHC. Tập trung thông tin tuyên truyền về dịch vụ công trực tuyến mức độ 3, 4, dịch vụ bưu chính công ích."),
                        Block.item("Cải tiến tối đa khả năng hỗ trợ doanh nghiệp tiếp cận tài liệu, thông tin các quy định pháp luật và chủ trương của Trung ương, của tỉnh, hệ thống thông tin về quy hoạch và tài liệu pháp lý, thông tin về ngân sách thuộc diện công khai, cơ hội phản biện, đề xuất, kiến nghị các chính sách, pháp luật, quy định của Tỉnh của Trung ương.")),
                Section.of("II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
                        Block.heading(1, "1. Nội dung tuyên truyền"),
                        Block.paragraph("a. Tuyên truyền, phổ biến râu rộng về tầm quan trọng, ý nghĩa, mục tiêu và tác động của CCHC đến phát triển kinh tế - xã hội của đất nước"),
                        Block.paragraph("b. Các quan điểm, chủ trương của Đảng, chính sách pháp luật của Nhà nước về CCHC."),
                        Block.paragraph("c. Vai trò trách nhiệm của cấp ủy Đảng, của người đứng đầu cơ quan hành chính, người đứng đầu của các tổ chức chính trị - xã hội, các đơn vị sự nghiệp công lập đối với triển khai nhiệm vụ CCHC."),
                        Block.paragraph("d. Tuyên truyền, phổ biến các nội dung của chương trình tổng thể CCHC của các cấp. Trong đó tập trung tuyên truyền các nội dung cơ bản sau đây:"),
                        Block.item("Tình hình và kết quả thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về Chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030; Quyết định số 3504/QĐ-UBND ngày 22/10/2021 của UBND tỉnh ban hành Chương trình tổng thể CCHC nhà nước tỉnh Hà Tĩnh giai đoạn 2021-2030; Kế hoạch số 3940/KH-UBND ngày 27/12/2021 của UBND huyện Đức Thọ về CCHC nhà nước huyện Đức Thọ giai đoạn 2021-2030."),
                        Block.item("Việc rà soát, điều chỉnh chức năng, nhiệm vụ, quyền hạn và tổ chức, sắp xếp lại các cơ quan, tổ chức, đơn vị; đẩy mạnh xã hội hóa các đơn vị sự nghiệp công lập gắn với tinh giản biên chế trên cơ sở tổ chức có hiệu quả Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Ban Chấp hành Trung ương khoá XII một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả, Nghị quyết số 19-NQ/TW ngày 25/10/2017 Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII về tiếp tục đổi mới và quản lý, nâng cao chất lượng và hiệu quả hoạt động các đơn vị sự nghiệp công lập."),
                        Block.item("Tình hình triển khai công tác cải cách, đơn giản hóa TTHC thuộc thẩm quyền quản lý của các cơ quan, đơn vị; các quy định về TTHC trong giải quyết công việc giữa cơ quan hành chính nhà nước với người dân, doanh nghiệp, đặc biệt là TTHC trên các lĩnh vực: Đầu tư; đất đai; xây dựng; sở hữu nhà ở; thuế; y tế; bảo hiểm..."),
                        Block.item("Tình hình triển khai và kết quả, hiệu quả thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC cho cá nhân, tổ chức. Đặc biệt là hiệu quả trong giải quyết TTHC tại Trung tâm Hành chính công cấp huyện, bộ phận tiếp nhận trả kết quả một cửa cấp xã."),
                        Block.item("Tình hình triển khai và kết quả thực hiện Chỉ số tính minh bạch và tiếp cận thông tin, Chỉ số đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước."),
                        Block.item("Tình hình, kết quả triển khai cải cách công vụ, công chức. Các quy định trong quản lý, tuyển dụng, sử dụng, khen thưởng, kỷ luật đối với cán bộ, công chức, viên chức. Tình hình thực hiện chính sách tinh giản biên chế, cơ cấu lại đội ngũ cán bộ, công chức, viên chức."),
                        Block.item("Tình hình triển khai các nội dung hiện đại hóa hành chính, trọng tâm là xây dựng Chính phủ điện tử, Chính quyền điện tử theo Nghị quyết 17/NQ- CP ngày 17/3/2019 của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025; tình hình triển khai Chương trình chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030 được ban hành tại Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ."),
                        Block.item("Tuyên truyền các mô hình, cơ chế đang được triển khai thí điểm, trong đó tập trung tuyên truyền kết quả thực hiện Đề án thí điểm chuyển giao một số nhiệm vụ hành chính công thực hiện qua dịch vụ bưu chính công ích trên địa bàn huyện; tuyên truyền các điển hình tiên tiến trong CCHC huyện, xã."),
                        Block.item("Tình hình triển khai các nhiệm vụ, giải pháp để phát huy các chỉ số thành phần, các chỉ tiêu của Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) đạt kết quả tốt, khắc phục các chỉ số thành phần, chỉ tiêu còn xếp hạng thấp, hoặc giảm hạng để cải thiện kết quả Chỉ số PCI qua các năm."),
                        Block.item("Tuyên truyền về tình hình triển khai và kết quả khảo sát Bộ chỉ số đánh giá năng lực cạnh tranh các sở, ban, ngành cấp tỉnh và UBND huyện, thành phố, thị xã (DDCI) để cải thiện chất lượng điều hành của các sở, ban, ngành và UBND huyện, thành phố, thị xã; tạo động lực cải cách liên tục và đồng bộ giữa các ngành, các cấp nhằm tạo môi trường đầu tư, kinh doanh thuận lợi, thông thoáng, minh bạch."),
                        Block.paragraph("đ) Tuyên truyền kết quả thực hiện phong trào thi đua “Cán bộ, công chức, viên chức Hà Tĩnh thi đua thực hiện văn hoá công sở” giai đoạn 2019-2025"),
                        Block.paragraph("e) Tuyên truyền những kết quả đạt được và tồn tại, hạn chế, nguyên nhân cũng như tình hình triển khai nhiệm vụ CCHC của huyện, của xã."),
                        Block.paragraph("f) Tuyên truyền các quy định của pháp luật về mối quan hệ giữa Nhà nước và nhân dân; quyền, nghĩa vụ và trách nhiệm của cá nhân, tổ chức tham gia và giám sát tiến trình CCHC."),
                        Block.heading(1, "2. Hình thức tuyên truyền"),
                        Block.paragraph("a. Thông qua tất cả các loại hình báo chí và huy động sử dụng mọi phương tiện thông tin đại chúng: Truyền thanh cở sở."),
                        Block.paragraph("b. Phát hành pano, áp phích liên quan đến công tác cải cách hành chính phù hợp với từng mục tiêu, yêu cầu, nội dung tuyên truyền phổ biến, giáo dục pháp luật, hội nghị báo cáo viên."),
                        Block.paragraph("c. Thông qua hình thức tập huấn, bồi dưỡng, quán triệt nội dung, kế hoạch thực hiện nhiệm vụ CCHC cho đội ngũ cán bộ, công chức, viên chức, lồng ghép nội dung cải cách hành chính trong đội ngũ CCHC trong các hội nghị tuyên truyền, phố biến, giáo dục pháp luật."),
                        Block.paragraph("e. Đưa nội dung CCHC vào các phiên họp thường kỳ của Ủy ban nhân dân xã và lồng ghép vào hoạt động sinh hoạt ngày pháp luật hàng tháng của cơ quan, đơn vị."),
                        Block.paragraph("g. Đưa nội dung CCHC nhà nước, chương trình tổng thể CCHC nhà nước của tỉnh, huyện giai đoạn 2021-2030.")),
                Section.of("III. KINH PHÍ",
                        Block.paragraph("Sử dụng trong kinh phí cải cách hành chính năm 2022 của tỉnh, huyện, xã theo phân cấp và các nguồn khác.")),
                Section.of("IV. TỔ CHỨC THỰC HIỆN",
                        Block.paragraph("Chủ động triển khai các nội dung được phân công Kế hoạch này, đồng thời lưu ý triển khai các nội dung sau:"),
                        Block.paragraph("1.Văn hóa - Thông tin: Hướng dẫn đôn đốc, kiểm tra việc triển khai thực hiện kế hoạch theo nội dung được phân công; định kỳ 3 tháng/lần tổng hợp báo cáo lên phòng. Thực hiện tuyên truyền bằng nhiều hình thức đạt hiệu quả."),
                        Block.paragraph("2. Nội vụ: Phối hợp với văn hóa - thông tin phổ biến, quán triệt kế hoạch CCHC năm 2022; định kỳ cung cấp các thông tin, nội dung đã thực hiện về CCHC cho các cơ quan thông tấn, báo chí, phục vụ công tác tuyên truyền."),
                        Block.paragraph("3. Tư pháp: Chủ trì phối hợp với nội vụ, văn hóa lồng ghép các nội dung tuyên truyền có kế hoạch này với các hoạt động của tuyên truyền phổ biến giáo dục pháp luật và các ban ngành."),
                        Block.paragraph("4. Tài chính - Kế toán: Chủ trì phối hợp Nội vụ, văn hóa tham mưu bố trí kinh phí thực hiện công tác thông tin, tuyên truyền về CCHC trên địa bàn xã."),
                        Block.paragraph("5. Bưu điện xã: Phối hợp với Bưu điện Huyện thực hiện công tác tuyên truyền về CCHC, phục vụ dân đọc, tra cứu tài liệu hướng dẫn thủ tục hành chính và các nội dung liên quan khác."),
                        Block.paragraph("6. Ủy ban mặt trận các tổ chức đoàn thể đưa vào kế hoạch chỉ đạo tích cực công tác hội lồng ghép tuyên truyền về CCHC năm 2022."),
                        Block.paragraph("Trên đây là kế hoạch tuyên truyền CCHC của xã Liên Minh năm 2022."))),
                List.of("Phòng VHTT(KH)",
                        "Phòng tư pháp,Nội vụ (b/c);",
                        "TT Đảng ủy-HĐND-UBMTTQ- các tổ chức;",
                        "Đ/c chủ tịch - PCT.UBND xã;",
                        "Lưu: Vp.UBND."),
                new Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng"));
    }
}
