// Entry of dist/imss-connect.min.js, the <script src> bundle: registers <imss-connect> on load (define.js does).
import './element/define.js';
