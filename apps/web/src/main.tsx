import "./app/i18n.ts";
import { mount } from "./app/surfaces.tsx";

void mount(window.location.pathname, document.getElementById("root")!);
