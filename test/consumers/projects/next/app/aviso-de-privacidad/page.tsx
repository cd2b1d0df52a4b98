export default function PrivacyNotice() {
  return (
    <main>
      <h1>Aviso de privacidad</h1>
      <p>Consultamos tu historial laboral en el IMSS solo con tu autorización.</p>
    </main>
  );
}
